package org.keygate.capif.notify;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket delivery of notifications (TS 29.222 7.6, feature 2 Notification_websocket; TS 29.122 5.2.5.4): each
 * subscription that asked for it ({@code websockNotifConfig.requestWebsocketUri}) has a slot here, which its
 * subscriber's WebSocket, once attached ({@link #attach}), fills: a notification is sent as one text frame holding
 * the same JSON body the HTTP callback would get.
 *
 * <p>Without a socket (not yet connected, or gone), notifications wait in the slot, in order, and are sent when a
 * socket attaches: at most {@value #MAX_QUEUED_PER_SUBSCRIPTION} per subscription and {@value #MAX_QUEUED} in all.
 * One that finds the queue full goes to the subscription's {@code notificationDestination} over HTTP instead (the
 * delivery every entity must support, TS 29.222 7.6), so a subscriber that never comes back costs bounded memory and
 * loses nothing silently. A second socket for the same subscription replaces the first (a reconnecting client whose
 * old connection is half-open), which is closed with 1000.
 *
 * <p>Counts {@value NotificationDelivery#NOTIFICATIONS}{kind, channel="websocket", outcome = delivered | queued |
 * fallback | dropped}; gauges {@value #SOCKETS} (attached sockets) and {@value #QUEUED} (waiting notifications).
 * A write that fails (the socket went away meanwhile) puts the notification back at the head of the queue. Logs
 * name the subscription, never a body.
 */
public final class NotificationSockets implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSockets.class);
    /** A subscriber reconnects within seconds; at one event a second, 100 covers well over a minute. */
    public static final int MAX_QUEUED_PER_SUBSCRIPTION = 100;
    /** All subscriptions together: about the memory of {@link NotificationDelivery#MAX_PENDING} HTTP deliveries. */
    public static final int MAX_QUEUED = 10_000;
    public static final String SOCKETS = "keygate_capif_notification_sockets";
    public static final String QUEUED = "keygate_capif_notifications_queued";
    static final String CHANNEL = "websocket";

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger attached = new AtomicInteger();
    private final MeterRegistry meters;

    public NotificationSockets(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        meters.gauge(SOCKETS, attached);
        meters.gauge(QUEUED, queued);
    }

    /** Registers the counters of {@code kind} at zero. */
    public void register(String kind) {
        for (String outcome : List.of("delivered", "queued", "fallback", "dropped")) {
            count(kind, outcome, 0);
        }
    }

    /**
     * Sends {@code json} on the socket of {@code subscriptionId}, or queues it until one attaches; when the queue is
     * full, runs {@code httpFallback} (the HTTP delivery) instead.
     */
    public void deliver(String kind, String subscriptionId, byte[] json, Runnable httpFallback) {
        Slot slot = slots.computeIfAbsent(subscriptionId, Slot::new);
        synchronized (slot) { // sends happen under the lock too, so frames leave in the order they were raised
            Channel ch = slot.channel;
            if (ch != null && ch.isActive()) {
                send(slot, ch, new Pending(kind, json));
                return;
            }
            if (slot.queue.size() >= MAX_QUEUED_PER_SUBSCRIPTION || queued.get() >= MAX_QUEUED) {
                count(kind, "fallback", 1);
                LOG.info("{} of subscription {}: no WebSocket attached and its queue is full; sent to its"
                        + " notificationDestination instead", kind, subscriptionId);
                httpFallback.run();
                return;
            }
            slot.queue.addLast(new Pending(kind, json));
            queued.incrementAndGet();
            count(kind, "queued", 1);
        }
    }

    /**
     * The subscriber's WebSocket for {@code subscriptionId}, after its handshake: it replaces an earlier one and is
     * sent what waited. Detached again when it closes.
     */
    public void attach(String subscriptionId, Channel channel) {
        Slot slot = slots.computeIfAbsent(subscriptionId, Slot::new);
        attached.incrementAndGet();
        channel.closeFuture().addListener(f -> {
            attached.decrementAndGet();
            synchronized (slot) {
                if (slot.channel == channel) {
                    slot.channel = null;
                }
            }
            LOG.info("WebSocket of subscription {} from {} closed", subscriptionId, channel.remoteAddress());
        });
        Channel previous;
        synchronized (slot) {
            previous = slot.channel;
            slot.channel = channel;
            LOG.info("WebSocket of subscription {} attached from {}; {} waiting notification(s) follow",
                    subscriptionId, channel.remoteAddress(), slot.queue.size());
            List<Pending> waiting = List.copyOf(slot.queue);
            queued.addAndGet(-waiting.size());
            slot.queue.clear();
            waiting.forEach(p -> send(slot, channel, p));
        }
        if (previous != null && previous != channel) {
            previous.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE,
                    "replaced by a new WebSocket")).addListener(f -> previous.close());
        }
    }

    /** The subscription is gone (deleted, its subscriber offboarded): its socket closes with 1000, its queue goes. */
    public void forget(String subscriptionId) {
        Slot slot = slots.remove(subscriptionId);
        if (slot == null) {
            return;
        }
        Channel ch;
        synchronized (slot) {
            ch = slot.channel;
            slot.channel = null;
            slot.queue.forEach(p -> count(p.kind(), "dropped", 1));
            queued.addAndGet(-slot.queue.size());
            slot.queue.clear();
        }
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "subscription deleted"))
                    .addListener(f -> ch.close());
        }
    }

    /** Sockets attached now. */
    public int attached() {
        return attached.get();
    }

    private void send(Slot slot, Channel ch, Pending p) {
        ch.writeAndFlush(new TextWebSocketFrame(io.netty.buffer.Unpooled.wrappedBuffer(p.json())))
                .addListener(f -> {
                    if (f.isSuccess()) {
                        count(p.kind(), "delivered", 1);
                        return;
                    }
                    // Gone between the check and the write: wait for the next socket like the others.
                    synchronized (slot) {
                        if (slots.get(slot.subscriptionId) == slot
                                && slot.queue.size() < MAX_QUEUED_PER_SUBSCRIPTION && queued.get() < MAX_QUEUED) {
                            slot.queue.addFirst(p);
                            queued.incrementAndGet();
                            count(p.kind(), "queued", 1);
                            return;
                        }
                    }
                    count(p.kind(), "dropped", 1);
                    LOG.warn("{} of subscription {} dropped: its WebSocket failed and its queue is full", p.kind(),
                            slot.subscriptionId);
                });
    }

    private void count(String kind, String outcome, int n) {
        meters.counter(NotificationDelivery.NOTIFICATIONS, "kind", kind, "channel", CHANNEL, "outcome", outcome)
                .increment(n);
    }

    /** Closes every attached socket with 1001 (going away). */
    @Override
    public void close() {
        for (Slot slot : slots.values()) {
            Channel ch = slot.channel;
            if (ch != null && ch.isActive()) {
                ch.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "CCF stopping"))
                        .addListener(f -> ch.close());
            }
        }
    }

    private record Pending(String kind, byte[] json) {}

    /** One subscription's socket and queue; guarded by itself. */
    private static final class Slot {
        final String subscriptionId;
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        Channel channel;

        Slot(String subscriptionId) {
            this.subscriptionId = subscriptionId;
        }
    }
}
