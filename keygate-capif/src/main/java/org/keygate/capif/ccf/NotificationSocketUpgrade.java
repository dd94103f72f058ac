package org.keygate.capif.ccf;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keygate.capif.notify.NotificationSocketFrames;
import org.keygate.capif.notify.NotificationSockets;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.Http1Upgrade;
import org.keygate.sbi.server.SbiConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's side of WebSocket delivery (TS 29.222 7.6, TS 29.122 5.2.5.4): a {@code GET} with
 * {@code Upgrade: websocket} (RFC 6455 4.1) to the {@code websocketUri} the CCF gave in the subscription's
 * {@code websockNotifConfig}, {@code wss://<ccf>/capif-events/v1/{subscriberId}/subscriptions/{subscriptionId}/websocket},
 * on the CCF's own TLS listener. Only the subscriber may attach: its CCF-issued client certificate must name it
 * (401 CLIENT_CERTIFICATE_REQUIRED without one, 403 IDENTITY_MISMATCH for another party), and the subscription must
 * be its own and have asked for WebSocket delivery (404 RESOURCE_NOT_FOUND otherwise). Refusals are ProblemDetails
 * over HTTP/1.1 and close the connection.
 */
final class NotificationSocketUpgrade implements Http1Upgrade {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSocketUpgrade.class);
    static final String SUFFIX = "/websocket";
    private static final Pattern PATH = Pattern.compile(Pattern.quote(EventsService.ROOT)
            + "/([A-Za-z0-9_-]{1,64})/subscriptions/([A-Za-z0-9_-]{1,64})" + Pattern.quote(SUFFIX));
    /** Subscribers are sent frames, they send none but control frames: a small bound is plenty. */
    static final int MAX_FRAME_PAYLOAD = 4096;

    private final CcfState state;
    private final CcfContext context;
    private final NotificationSockets sockets;

    NotificationSocketUpgrade(CcfState state, CcfContext context, NotificationSockets sockets) {
        this.state = state;
        this.context = context;
        this.sockets = sockets;
    }

    /** The websocketUri of a subscription (the API root's https becomes wss, RFC 6455 3). */
    static String websocketUri(CcfContext context, String subscriberId, String subscriptionId) {
        return context.uri(EventsService.ROOT + "/" + subscriberId + "/subscriptions/" + subscriptionId + SUFFIX)
                .replaceFirst("^https:", "wss:");
    }

    @Override
    public boolean wants(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
                && PATH.matcher(path(request)).matches();
    }

    @Override
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, SbiConnection connection) {
        try {
            Matcher m = PATH.matcher(path(request));
            m.matches();
            String subscriberId = m.group(1);
            String subscriptionId = m.group(2);
            Optional<ProblemDetails> refusal = refusal(connection, subscriberId, subscriptionId);
            if (refusal.isPresent()) {
                LOG.info("WebSocket for subscription {} from {} refused: {}", subscriptionId,
                        connection.remoteAddress(), refusal.get().cause());
                refuse(ctx, refusal.get());
                return;
            }
            String uri = websocketUri(context, subscriberId, subscriptionId);
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(uri, null, false,
                    MAX_FRAME_PAYLOAD).newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    LOG.info("WebSocket handshake for subscription {} with {} failed: {}", subscriptionId,
                            connection.remoteAddress(), f.cause().getMessage());
                    f.channel().close();
                    return;
                }
                f.channel().pipeline().addLast("notification-socket",
                        new NotificationSocketFrames(handshaker, subscriptionId));
                sockets.attach(subscriptionId, f.channel());
            });
        } finally {
            request.release();
        }
    }

    private Optional<ProblemDetails> refusal(SbiConnection connection, String subscriberId, String subscriptionId) {
        Caller caller = Caller.of(connection);
        if (caller.certificateId().isEmpty()) {
            return Optional.of(CapifCause.CLIENT_CERTIFICATE_REQUIRED.problem(
                    "a notification WebSocket needs the subscriber's CCF-issued certificate (TS 29.222 10.2)"));
        }
        if (!caller.certificateId().get().equals(subscriberId)) {
            return Optional.of(CapifCause.IDENTITY_MISMATCH.problem("the client certificate belongs to another party"));
        }
        boolean ok = state.subscriptions.get(subscriptionId).filter(s -> s.subscriberId().equals(subscriberId))
                .filter(StoredSubscription::websocket).isPresent();
        return ok ? Optional.empty() : Optional.of(CapifCause.RESOURCE_NOT_FOUND.problem(
                "no subscription of this subscriber with WebSocket delivery"));
    }

    private static void refuse(ChannelHandlerContext ctx, ProblemDetails problem) {
        byte[] body = SbiJson.write(problem);
        var rsp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(problem.status()),
                Unpooled.wrappedBuffer(body));
        rsp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(rsp).addListener(ChannelFutureListener.CLOSE);
    }

    private static String path(FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
