package org.keygate.sbi.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not completed TLS and sent its first HTTP message (the HTTP/2 preface and SETTINGS,
 * or an HTTP/1.1 request) within {@code handshakeTimeout}: a silent connection would otherwise hold a slot of the
 * listener for the whole TLS handshake timeout. HTTP/1.1: {@link #marker()} goes right after the codec, and the first
 * message that passes it removes both. HTTP/2: the connection calls {@link #met} on the client's first SETTINGS.
 */
final class EstablishDeadline extends ChannelInboundHandlerAdapter {
    static final String NAME = "establish-deadline";

    private final ConnectionTracker.Listener listener;
    private ScheduledFuture<?> timer;

    EstablishDeadline(ConnectionTracker.Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timer = ctx.executor().schedule(() -> expire(ctx),
                listener.config().limits().handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    private void expire(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        listener.counter("keygate_sbi_connections_closed_total", ConnectionTracker.Reason.HANDSHAKE_TIMEOUT)
                .increment();
        listener.events().closed(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress(),
                ConnectionTracker.Reason.HANDSHAKE_TIMEOUT);
        ctx.close();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The connection on {@code pipeline} is established: its deadline, if still there, is removed. */
    static void met(io.netty.channel.ChannelPipeline pipeline) {
        if (pipeline.get(NAME) != null) {
            pipeline.remove(NAME);
        }
    }

    /** The handler that meets the deadline: the first message through it removes the deadline and itself. */
    static ChannelInboundHandlerAdapter marker() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                met(ctx.pipeline());
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(msg);
            }
        };
    }
}
