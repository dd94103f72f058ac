package org.keygate.sbi.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP/1.1 connection's pipeline: one aggregated request in, the {@link SbiHandler}'s answer
 * out, through the server's {@link HandlerInvoker} (HTTP/2 has {@link Http2Exchanges}). The call is cancelled when
 * the connection closes before the answer.
 */
final class SbiRequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(SbiRequestDispatcher.class);
    /** Headers Netty's HTTP/2-to-HTTP/1 conversion adds; not part of the peer's message. */
    private static final String NETTY_EXTENSION_PREFIX = "x-http2-";

    private final SbiServerConfig config;
    private final HandlerInvoker invoker;

    SbiRequestDispatcher(SbiServerConfig config, HandlerInvoker invoker) {
        this.config = config;
        this.invoker = invoker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        NettySbiConnection connection = connection(ctx.channel());
        SbiRequest request = new SbiRequest(req.method().name(), req.uri(), headers(req),
                ByteBufUtil.getBytes(req.content()));
        SbiCall call = SbiCall.forMaxRspTime(req.headers().get(SbiCall.MAX_RSP_TIME));
        io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<? super Void>> cancel =
                f -> call.cancel();
        ctx.channel().closeFuture().addListener(cancel);
        invoker.invoke(request, connection, call).thenAccept(out -> {
            try {
                ctx.executor().execute(() -> {
                    ctx.channel().closeFuture().removeListener(cancel);
                    invoker.count(request.method(), out.status());
                    var write = ctx.writeAndFlush(HttpResponses.of(out, false, !keepAlive));
                    write.addListener(f -> invoker.answered()); // on the wire, or failed with the connection
                    if (!keepAlive) {
                        write.addListener(ChannelFutureListener.CLOSE);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                invoker.answered(); // the loop has shut down: the connection is gone, nobody to answer
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.info("{}: connection {} from {} closed after an error: {}", config.name(), ctx.channel().id(),
                ctx.channel().remoteAddress(), JdkAlpnHandler.rootMessage(cause));
        config.meters().counter("keygate_sbi_connection_errors_total", "server", config.name(), "cause",
                cause instanceof java.io.IOException ? "reset" : "error").increment();
        ctx.close();
    }

    static NettySbiConnection connection(Channel channel) {
        NettySbiConnection existing = channel.attr(NettySbiConnection.KEY).get();
        if (existing != null) {
            return existing;
        }
        // Cleartext connections learn their protocol from the first request.
        NettySbiConnection created = new NettySbiConnection(channel, JdkAlpnHandler.HTTP_1_1);
        NettySbiConnection raced = channel.attr(NettySbiConnection.KEY).setIfAbsent(created);
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
