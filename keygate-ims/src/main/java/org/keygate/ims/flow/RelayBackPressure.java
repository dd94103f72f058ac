package org.keygate.ims.flow;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.AttributeKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-pressure for a relay that writes what it reads on one connection (the sender) to others (the receivers): the
 * standard Netty proxy pattern, spread over many receivers. After a write to a receiver that is no longer writable
 * (its queued bytes passed the high water mark, {@link #limit}), the sender's auto-read is switched off; when every
 * receiver it waits on has drained below the low water mark (or closed), it is switched on again. MSRP has no flow
 * control of its own and relies on TCP's (RFC 4975): a slow receiver slows its sender, nothing is dropped or
 * reordered.
 *
 * <p>What a receiver queues is bounded by its high water mark plus what the sender's decoder still delivers from the
 * bytes already read when reading stops (one socket read, at most the decoder's limit per message). Auto-read is
 * only ever changed on the sender's own event loop, from the set of receivers it waits on, so that a receiver
 * draining on another loop can neither leave a sender stopped nor restart one still waiting.
 */
public final class RelayBackPressure {
    /** Per receiver: the senders stopped because of it. */
    private static final AttributeKey<Set<Channel>> WAITING = AttributeKey.valueOf("keygate.flow.waiting");
    /** Per sender: the receivers it waits on. */
    private static final AttributeKey<Set<Channel>> BLOCKED_BY = AttributeKey.valueOf("keygate.flow.blockedBy");

    private RelayBackPressure() {
    }

    /** Sets a connection's bound on queued outbound bytes: not writable above it, writable again below half. */
    public static void limit(Channel channel, int maxQueuedBytes) {
        if (maxQueuedBytes < 2) {
            throw new IllegalArgumentException("maxQueuedBytes: " + maxQueuedBytes + " (expected: at least 2)");
        }
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxQueuedBytes / 2, maxQueuedBytes));
    }

    /**
     * After {@code sender}'s input was written to {@code receiver} (on the sender's event loop; the two may be the
     * same connection, an answer to its own request).
     *
     * @return whether this call stopped reading from {@code sender} (a pause to count)
     */
    public static boolean wrote(Channel sender, Channel receiver) {
        if (receiver.isWritable() || !receiver.isActive()) {
            return false;
        }
        boolean wasReading = sender.config().isAutoRead();
        // This order: a release running between the two lines must find nothing (then the re-check below
        // releases), never a sender in WAITING whose BLOCKED_BY does not yet hold the receiver (it would stay
        // stopped).
        set(sender, BLOCKED_BY).add(receiver);
        set(receiver, WAITING).add(sender);
        sender.config().setAutoRead(false);
        if (receiver.isWritable() || !receiver.isActive()) {
            released(receiver); // drained between the test and the registration: its event may have gone by
        }
        return wasReading;
    }

    /** {@code receiver} became writable again, or closed: restarts the senders that wait on nothing else. */
    public static void released(Channel receiver) {
        Set<Channel> waiting = receiver.attr(WAITING).get();
        if (waiting == null) {
            return;
        }
        for (Channel sender : waiting) {
            waiting.remove(sender);
            Set<Channel> blockedBy = set(sender, BLOCKED_BY);
            blockedBy.remove(receiver);
            sender.eventLoop().execute(() -> {
                if (blockedBy.isEmpty() && !sender.config().isAutoRead()) {
                    sender.config().setAutoRead(true);
                }
            });
        }
    }

    /** Bytes queued for writing on {@code channel} (0 once closed). */
    public static long queuedBytes(Channel channel) {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    private static Set<Channel> set(Channel channel, AttributeKey<Set<Channel>> key) {
        Set<Channel> s = channel.attr(key).get();
        if (s == null) {
            Set<Channel> created = ConcurrentHashMap.newKeySet();
            s = channel.attr(key).setIfAbsent(created);
            if (s == null) {
                s = created;
            }
        }
        return s;
    }
}
