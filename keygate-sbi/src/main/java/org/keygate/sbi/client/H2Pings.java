package org.keygate.sbi.client;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/2 PINGs of a client connection and their acknowledgements (RFC 9113 6.7): whether the peer still answers on
 * this connection, not only whether the socket is open. The frame codec answers the peer's PINGs itself; this handler
 * sees the acknowledgements of its own and passes every other frame on.
 */
final class H2Pings extends ChannelDuplexHandler {
    private final Map<Long, CompletableFuture<Void>> outstanding = new HashMap<>();
    private ChannelHandlerContext ctx;
    private long next;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Completes when the peer acknowledges a PING sent now; fails after {@code timeout} or when the connection ends. */
    CompletableFuture<Void> ping(Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) {
                acked.completeExceptionally(new IOException("the connection is closed"));
                return;
            }
            long content = next++;
            outstanding.put(content, acked);
            ctx.writeAndFlush(new DefaultHttp2PingFrame(content));
            var timer = ctx.executor().schedule(() -> {
                if (outstanding.remove(content) != null) {
                    acked.completeExceptionally(new TimeoutException("no PING acknowledgement within "
                            + timeout.toMillis() + " ms"));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            acked.whenComplete((v, e) -> timer.cancel(false));
        });
        return acked;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2PingFrame p && p.ack()) {
            CompletableFuture<Void> acked = outstanding.remove(p.content());
            if (acked != null) {
                acked.complete(null);
            }
            return; // an acknowledgement of nothing outstanding (late, or not ours) is dropped
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        IOException closed = new IOException("the connection closed before the PING was acknowledged");
        outstanding.values().forEach(f -> f.completeExceptionally(closed));
        outstanding.clear();
        super.channelInactive(ctx);
    }
}
