package org.keygate.capif.notify;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a notification WebSocket, after the handshake: answers the subscriber's pings and close
 * (RFC 6455 5.5), pings it every {@link #PING_PERIOD} so that a dead peer is found and the listener's idle timeout
 * does not close a quiet socket, and ignores data frames (the socket carries notifications one way, TS 29.122
 * 5.2.5.4). Notifications are written by {@link NotificationSockets}.
 */
public final class NotificationSocketFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSocketFrames.class);
    /** Well inside the listener's idle timeout (10 minutes) and common NAT timeouts (a few minutes). */
    public static final Duration PING_PERIOD = Duration.ofSeconds(30);
    private final WebSocketServerHandshaker handshaker;
    private final String subscriptionId;
    private ScheduledFuture<?> pings;

    public NotificationSocketFrames(WebSocketServerHandshaker handshaker, String subscriptionId) {
        this.handshaker = handshaker;
        this.subscriptionId = subscriptionId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pings = ctx.executor().scheduleAtFixedRate(() -> ctx.writeAndFlush(new PingWebSocketFrame()),
                PING_PERIOD.toMillis(), PING_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> pings.cancel(false));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        switch (frame) {
            case CloseWebSocketFrame close -> handshaker.close(ctx.channel(), close.retain());
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> { }
            default -> LOG.debug("WebSocket of subscription {}: a {} from the subscriber ignored", subscriptionId,
                    frame.getClass().getSimpleName());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("WebSocket of subscription {} from {} closed after an error: {}", subscriptionId,
                ctx.channel().remoteAddress(), cause.getClass().getSimpleName());
        ctx.close();
    }
}
