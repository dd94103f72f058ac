package org.keygate.sbi.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every request pipeline: one aggregated request in, the {@link SbiHandler}'s answer out. A
 * handler failure becomes 500 SYSTEM_FAILURE, logged once with the connection ID (never the body).
 */
final class SbiRequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(SbiRequestDispatcher.class);
    /** Headers Netty's HTTP/2-to-HTTP/1 conversion adds; not part of the peer's message. */
    private static final String NETTY_EXTENSION_PREFIX = "x-http2-";

    private final SbiServerConfig config;

    SbiRequestDispatcher(SbiServerConfig config) {
        this.config = config;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean http2 = ctx.channel() instanceof Http2StreamChannel;
        boolean keepAlive = http2 || HttpUtil.isKeepAlive(req);
        NettySbiConnection connection = connection(ctx.channel(), http2);
        SbiRequest request = new SbiRequest(req.method().name(), req.uri(), headers(req),
                ByteBufUtil.getBytes(req.content()));
        CompletionStage<SbiResponse> answer;
        try {
            answer = config.handler().handle(request, connection);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((rsp, failure) -> ctx.executor().execute(() -> {
            SbiResponse out = rsp;
            if (failure != null || rsp == null) {
                log.warn("{}: connection {}: {} {} failed in the handler: {}", config.name(), connection.id(),
                        request.method(), request.pathWithoutQuery(),
                        failure == null ? "no response" : JdkAlpnHandler.rootMessage(failure));
                out = SbiResponse.problem(SbiCause.SYSTEM_FAILURE.problem("the request could not be processed"));
            }
            config.meters().counter("keygate_sbi_requests_total", "server", config.name(), "method",
                    request.method(), "status", String.valueOf(out.status())).increment();
            var write = ctx.writeAndFlush(HttpResponses.of(out, http2, !keepAlive));
            if (!keepAlive) {
                write.addListener(ChannelFutureListener.CLOSE);
            }
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("{}: connection {} from {} closed after an error: {}", config.name(), ctx.channel().id(),
                ctx.channel().remoteAddress(), JdkAlpnHandler.rootMessage(cause));
        ctx.close();
    }

    private static NettySbiConnection connection(Channel channel, boolean http2) {
        Channel tcp = http2 ? channel.parent() : channel;
        NettySbiConnection existing = tcp.attr(NettySbiConnection.KEY).get();
        if (existing != null) {
            return existing;
        }
        // Cleartext connections learn their protocol from the first request.
        NettySbiConnection created = new NettySbiConnection(tcp, http2 ? "h2c" : JdkAlpnHandler.HTTP_1_1);
        NettySbiConnection raced = tcp.attr(NettySbiConnection.KEY).setIfAbsent(created);
        return raced == null ? created : raced;
    }

    private static SbiHeaders headers(FullHttpRequest req) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> h : req.headers()) {
            if (!h.getKey().toLowerCase(Locale.ROOT).startsWith(NETTY_EXTENSION_PREFIX)) {
                out.add(h);
            }
        }
        return new SbiHeaders(out);
    }
}
