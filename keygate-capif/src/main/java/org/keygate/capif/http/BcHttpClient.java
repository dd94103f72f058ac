package org.keygate.capif.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsSession;

/**
 * An HTTP/1.1 client over the BC TLS handler: {@link #connect} gives a connection after the handshake, with the
 * negotiated {@link BcTlsSession} (the CAPIF invoker reads its master secret and session ID there). Requests on one
 * connection are answered in order (HTTP/1.1 pipelining is not used: send the next after the previous answer).
 *
 * <p>Owns its event loop: {@link #close()} ends every connection it made.
 */
public final class BcHttpClient implements AutoCloseable {
    /** Answers larger than this fail the request: CAPIF answers are small JSON. */
    public static final int MAX_RESPONSE_BYTES = 1 << 20;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Duration timeout;

    public BcHttpClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects and runs the TLS handshake; fails with the handshake's cause (a TLS alert, usually). */
    public CompletableFuture<Connection> connect(InetSocketAddress address, BcTlsClientConfig config) {
        CompletableFuture<Connection> ready = new CompletableFuture<>();
        Responses responses = new Responses();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        BcTlsHandler tls = BcTlsHandler.client(config);
                        ch.pipeline().addLast("tls", tls).addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES)).addLast(responses);
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                ready.complete(new Connection(ch, (BcTlsSession) f.getNow(), responses, address));
                            } else {
                                ready.completeExceptionally(f.cause());
                            }
                        });
                    }
                }).connect(address).addListener(f -> {
                    if (!f.isSuccess()) {
                        ready.completeExceptionally(new java.net.ConnectException("cannot connect to " + address + ": "
                                + f.cause().getMessage()));
                    }
                });
        return ready.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One TLS connection. */
    public final class Connection implements AutoCloseable {
        private final Channel channel;
        private final BcTlsSession session;
        private final Responses responses;
        private final String authority;

        Connection(Channel channel, BcTlsSession session, Responses responses, InetSocketAddress peer) {
            this.channel = channel;
            this.session = session;
            this.responses = responses;
            this.authority = peer.getHostString() + ":" + peer.getPort();
        }

        public BcTlsSession session() {
            return session;
        }

        public boolean isOpen() {
            return channel.isActive();
        }

        /** Sends {@code request} with {@code Host} = the dialled address; the answer or a failure. */
        public CompletableFuture<SbiResponse> send(SbiRequest request) {
            CompletableFuture<SbiResponse> answer = new CompletableFuture<>();
            FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                    request.path(), Unpooled.wrappedBuffer(request.body()));
            request.headers().entries().forEach(e -> out.headers().add(e.getKey(), e.getValue()));
            out.headers().set(HttpHeaderNames.HOST, authority);
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
            channel.eventLoop().execute(() -> {
                if (!channel.isActive()) {
                    answer.completeExceptionally(new IOException("connection closed"));
                    return;
                }
                responses.pending.add(answer);
                channel.writeAndFlush(out).addListener(f -> {
                    if (!f.isSuccess()) {
                        answer.completeExceptionally(f.cause());
                    }
                });
            });
            return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            channel.close().awaitUninterruptibly(5000);
        }
    }

    /** Matches answers to requests in order; a closed connection fails what is still waiting. */
    private static final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {
        final ArrayDeque<CompletableFuture<SbiResponse>> pending = new ArrayDeque<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse rsp) {
            CompletableFuture<SbiResponse> f = pending.poll();
            if (f == null) {
                ctx.close();
                return;
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            rsp.headers().forEach(headers::add);
            byte[] body = new byte[rsp.content().readableBytes()];
            rsp.content().readBytes(body);
            f.complete(new SbiResponse(rsp.status().code(), new SbiHeaders(headers), body));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<SbiResponse> f;
            while ((f = pending.poll()) != null) {
                f.completeExceptionally(new IOException("connection closed before the answer"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
