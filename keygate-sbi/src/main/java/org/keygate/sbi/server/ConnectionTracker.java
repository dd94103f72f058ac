package org.keygate.sbi.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admits or refuses each new connection by {@link ConnectionLimits} (total, per source address, reserved slots for
 * known sources) and closes idle connections: after {@code idleTimeout}, or after {@code idleTimeoutNearLimit} when
 * the listener is near its limit and the source is not known. One instance per connection, sharing one
 * {@link Counts} per listener. Refusals and early closes are counted by reason
 * ({@code keygate_sbi_connections_refused_total}, {@code keygate_sbi_connections_closed_total}) and summarized in the
 * log by {@link ConnectionEvents}.
 *
 * <p>Idle time is counted in periods of the pipeline's {@code IdleStateHandler}, which fires every
 * {@link #idlePeriod} without traffic: no clock is read here.
 */
final class ConnectionTracker extends ChannelInboundHandlerAdapter {

    /** Why a connection was refused or closed early; the metric's {@code reason} tag. */
    enum Reason {
        MAX_CONNECTIONS("max_connections", "maxConnections"),
        PER_SOURCE("per_source", "maxConnectionsPerSource"),
        RESERVED("reserved", "reservedConnections"),
        HANDSHAKE_TIMEOUT("handshake_timeout", "handshakeTimeout"),
        IDLE_NEAR_LIMIT("idle_near_limit", "idleTimeoutNearLimit");

        final String tag;
        final String setting;

        Reason(String tag, String setting) {
            this.tag = tag;
            this.setting = setting;
        }
    }

    /** The listener's open connections, in total and by source address. */
    static final class Counts {
        private final ConnectionLimits limits;
        private final AtomicInteger active = new AtomicInteger();
        private final Map<InetAddress, Integer> bySource = new HashMap<>();

        Counts(ConnectionLimits limits) {
            this.limits = limits;
        }

        AtomicInteger active() {
            return active;
        }

        /** Takes a slot for {@code source}, or says why not (and takes nothing). */
        synchronized Reason admit(InetAddress source) {
            boolean known = limits.known(source);
            int total = active.get() + 1;
            if (total > limits.maxConnections()) {
                return Reason.MAX_CONNECTIONS;
            }
            if (!known && total > limits.openToAll()) {
                return Reason.RESERVED;
            }
            int fromSource = bySource.getOrDefault(source, 0) + 1;
            if (!known && fromSource > limits.maxConnectionsPerSource()) {
                return Reason.PER_SOURCE;
            }
            active.set(total);
            bySource.put(source, fromSource);
            return null;
        }

        synchronized void release(InetAddress source) {
            active.decrementAndGet();
            bySource.computeIfPresent(source, (k, n) -> n == 1 ? null : n - 1);
        }

        boolean nearLimit() {
            return active.get() * 100L >= (long) limits.openToAll() * ConnectionLimits.NEAR_LIMIT_PERCENT;
        }
    }

    /** The shared parts of one listener's trackers. */
    record Listener(SbiServerConfig config, Counts counts, ConnectionEvents events) {
        Counter counter(String name, Reason reason) {
            return config.meters().counter(name, Tags.of("server", config.name(), "reason", reason.tag));
        }
    }

    private final Listener listener;
    private InetAddress source;
    private boolean admitted;
    private int idlePeriods;

    ConnectionTracker(Listener listener) {
        this.listener = listener;
    }

    /** The period of the pipeline's IdleStateHandler: the shorter of the two idle timeouts. */
    static Duration idlePeriod(SbiServerConfig config) {
        Duration near = config.limits().idleTimeoutNearLimit();
        return near.compareTo(config.idleTimeout()) < 0 ? near : config.idleTimeout();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Reason refused = listener.counts().admit(source);
        if (refused != null) {
            listener.counter("keygate_sbi_connections_refused_total", refused).increment();
            listener.events().refused(source, refused);
            ctx.close();
            return;
        }
        admitted = true;
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (admitted) {
            admitted = false;
            listener.counts().release(source);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent idle)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        idlePeriods = idle.isFirst() ? 1 : idlePeriods + 1;
        long idleMillis = idlePeriods * idlePeriod(listener.config()).toMillis();
        if (idleMillis >= listener.config().idleTimeout().toMillis()) {
            ctx.close();
        } else if (listener.counts().nearLimit() && !listener.config().limits().known(source)) {
            listener.counter("keygate_sbi_connections_closed_total", Reason.IDLE_NEAR_LIMIT).increment();
            listener.events().closed(source, Reason.IDLE_NEAR_LIMIT);
            ctx.close();
        }
    }
}
