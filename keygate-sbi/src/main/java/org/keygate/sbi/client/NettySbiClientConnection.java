package org.keygate.sbi.client;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSession;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.NettySbiConnection;

/** A client connection: one HTTP/2 stream per request, response aggregated up to a limit, per-request timeout. */
final class NettySbiClientConnection implements SbiClientConnection {
    private final NettySbiConnection connection;
    private final Duration requestTimeout;
    private final int maxResponseBodyBytes;

    NettySbiClientConnection(NettySbiConnection connection, Duration requestTimeout, int maxResponseBodyBytes) {
        this.connection = connection;
        this.requestTimeout = requestTimeout;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        CompletableFuture<SbiResponse> result = new CompletableFuture<>();
        new Http2StreamChannelBootstrap(connection.channel()).handler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                        new HttpObjectAggregator(maxResponseBodyBytes), new ResponseHandler(result));
            }
        }).open().addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new java.io.IOException("cannot open an HTTP/2 stream on "
                        + connection + ": " + f.cause().getMessage(), f.cause()));
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
            stream.writeAndFlush(toNetty(request, authority, scheme)).addListener(w -> {
                if (!w.isSuccess()) {
                    result.completeExceptionally(w.cause());
                }
            });
            var timeout = stream.eventLoop().schedule(() -> {
                if (result.completeExceptionally(new TimeoutException(request.method() + " "
                        + request.pathWithoutQuery() + " got no answer within " + requestTimeout))) {
                    stream.close();
                }
            }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((r, e) -> timeout.cancel(false));
            stream.closeFuture().addListener(c -> result.completeExceptionally(
                    new java.io.IOException("the stream closed before a complete answer")));
        });
        return result;
    }

    private static FullHttpRequest toNetty(SbiRequest r, String authority, String scheme) {
        FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method()),
                r.path(), Unpooled.wrappedBuffer(r.body()));
        for (Map.Entry<String, String> h : r.headers().entries()) {
            out.headers().add(h.getKey(), h.getValue());
        }
        out.headers().set(HttpHeaderNames.HOST, authority);
        out.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), scheme);
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        return out;
    }

    /** Completes the request's future with the aggregated answer, or fails it (e.g. body over the limit). */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<SbiResponse> result;

        ResponseHandler(CompletableFuture<SbiResponse> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse rsp) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (Map.Entry<String, String> h : rsp.headers()) {
                if (!h.getKey().startsWith("x-http2-")) {
                    headers.add(h);
                }
            }
            result.complete(new SbiResponse(rsp.status().code(), new SbiHeaders(headers),
                    ByteBufUtil.getBytes(rsp.content())));
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return connection.tlsSession();
    }

    @Override
    public Optional<BcTlsSession> bcTlsSession() {
        return connection.bcTlsSession();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return connection.peerCertificates();
    }

    @Override
    public String protocol() {
        return connection.protocol();
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return connection.closeFuture();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
