package org.keygate.ims.mrfp;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a draining stop means for the MRFP's media (issue 18, docs/IMS.md "Stopping"). Media sessions are long-lived
 * and belong to SIP calls the MRFC controls, so a stop does not cut them at once: once {@link Mrfp#drain} began, no
 * conference or stream is created (the control API answers 503), while the established MSRP and BFCP streams run on
 * and the MRFC may still release them (a UE's BYE); for at most the drain timeout. Then each stream still held is
 * released as a BYE would release it: its TLS session ends with close_notify (RFC 8446 6.1, RFC 5246 7.2.1) and its
 * TCP connection closes, which MSRP endpoints take as the session having failed (RFC 4975 5.4) and BFCP clients as
 * the end of their floor control connection; the MRFC notices the MRFP gone at its next poll and ends the calls with
 * BYE. One log line per stream so ended.
 */
final class MediaDrain {
    private static final Logger LOG = LoggerFactory.getLogger(MediaDrain.class);
    /** A stop waits seconds at most and no media thread needs to signal it. */
    private static final long POLL_MILLIS = 20;
    /**
     * close_notify goes out after what is already queued on the connection; a receiver that reads nothing would hold
     * it back for ever, so after this the connection is closed without it.
     */
    static final Duration CLOSE_NOTIFY_GRACE = Duration.ofSeconds(2);

    private MediaDrain() {}

    /** Streams held when the drain began, and those its timeout ended. */
    record Outcome(int streamsAtStart, int endedAtTimeout) {}

    static Outcome run(Map<String, MediaTermination> terminations, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int atStart = terminations.size();
        long connected = terminations.values().stream().filter(t -> t.connection().isPresent()).count();
        LOG.info("MRFP stopping: no new conferences or streams; {} stream(s) held ({} connected) run on for at most {}",
                atStart, connected, timeout);
        while (!terminations.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Channel> closing = new ArrayList<>();
        int ended = 0;
        for (String id : List.copyOf(terminations.keySet())) {
            MediaTermination t = terminations.remove(id);
            if (t == null) {
                continue; // released by the MRFC meanwhile
            }
            Optional<Channel> c = t.connection();
            t.release(); // closing the channel sends close_notify first (BcTlsHandler)
            c.ifPresent(closing::add);
            LOG.info("MRFP stopping: {} stream {} of conference {} ended after the drain timeout ({}): {}", t.kind, id,
                    t.conference.id(), timeout, c.map(ch -> "TLS close_notify sent, TCP connection to "
                            + ch.remoteAddress() + " closed").orElse("not connected, its port released"));
            ended++;
        }
        long graceEnd = System.nanoTime() + CLOSE_NOTIFY_GRACE.toNanos();
        for (Channel ch : closing) {
            long left = Math.max(0, graceEnd - System.nanoTime());
            if (!ch.closeFuture().awaitUninterruptibly(TimeUnit.NANOSECONDS.toMillis(left))) {
                // the second close skips the TLS layer's close_notify, which found no room to be written
                ch.close();
            }
        }
        if (ended == 0) {
            LOG.info("MRFP stopping: every one of {} stream(s) released by the MRFC after {} ms", atStart,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return new Outcome(atStart, ended);
    }
}
