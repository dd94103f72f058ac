package org.keygate.capif.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 server behind the BC TLS handler. Each connection: TLS handshake, then HTTP/1.1 requests, each given whole to the
 * {@link SbiHandler} with the connection's {@link BcSbiConnection}. A failed stage becomes 500 SYSTEM_FAILURE.
 *
 * <p>Limits ({@link Limits}): request bodies over {@code maxBodyBytes} get 413 (Netty's aggregator); beyond
 * {@code maxConnections} a new connection is closed at once, before TLS, so a flood cannot exhaust memory; a
 * connection idle for {@code idleTimeout} is closed. Lifecycle: {@link #start}, {@link #close} (bounded wait).
 */
public final class BcHttpServer implements AutoCloseable {
    /** CAPIF bodies are small JSON (as the SBI's default in SbiServerConfig). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** As SbiServerConfig's default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** As SbiServerConfig's default: idle connections are closed. */
    public static final java.time.Duration DEFAULT_IDLE_TIMEOUT = java.time.Duration.ofMinutes(10);

    /** A listener's limits; each must be positive. */
    public record Limits(int maxBodyBytes, int maxConnections, java.time.Duration idleTimeout) {
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT);

        public Limits {
            if (maxBodyBytes < 1 || maxConnections < 1 || idleTimeout.isZero() || idleTimeout.isNegative()) {
                throw new IllegalArgumentException("limits: " + maxBodyBytes + " bytes, " + maxConnections
                        + " connections, " + idleTimeout + " (expected: all > 0)");
            }
        }
    }
    private static final Logger LOG = LoggerFactory.getLogger(BcHttpServer.class);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    private final Channel listener;
    private final String name;

    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    private BcHttpServer(String name, InetSocketAddress bind, BcTlsServerConfig config, SbiHandler handler,
            Limits limits) {
        this.name = name;
        try {
            listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (connections.incrementAndGet() > limits.maxConnections()) {
                                connections.decrementAndGet();
                                LOG.info("{}: connection from {} refused: {} connections open", name,
                                        ch.remoteAddress(), limits.maxConnections());
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> connections.decrementAndGet());
                            ch.pipeline().addLast("tls", BcTlsHandler.server(config))
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(limits.maxBodyBytes()))
                                    .addLast("dispatch", new Dispatch(handler, limits.idleTimeout()));
                        }
                    }).bind(bind).sync().channel();
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot listen on " + bind + " (" + name + "): " + e.getMessage(), e);
        }
    }

    public static BcHttpServer start(String name, InetSocketAddress bind, BcTlsServerConfig config,
            SbiHandler handler) {
        return start(name, bind, config, handler, Limits.DEFAULT);
    }

    public static BcHttpServer start(String name, InetSocketAddress bind, BcTlsServerConfig config,
            SbiHandler handler, Limits limits) {
        return new BcHttpServer(name, bind, Objects.requireNonNull(config, "config"),
                Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(limits, "limits"));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(5000);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final SbiHandler handler;
        private final java.time.Duration idleTimeout;
        private BcSbiConnection connection;

        Dispatch(SbiHandler handler, java.time.Duration idleTimeout) {
            this.handler = handler;
            this.idleTimeout = idleTimeout;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
                LOG.debug("{}: closing idle connection {}", name, ctx.channel().remoteAddress());
                ctx.close();
                return;
            }
            if (evt instanceof SslHandshakeCompletionEvent e) {
                if (e.isSuccess()) {
                    connection = new BcSbiConnection(ctx.channel(),
                            ctx.pipeline().get(BcTlsHandler.class).session().orElseThrow());
                    // Idleness counts from the end of the handshake (the TLS handler bounds the handshake itself).
                    ctx.pipeline().addFirst("idle", new io.netty.handler.timeout.IdleStateHandler(0, 0,
                            idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
                } else {
                    LOG.debug("{}: TLS handshake with {} failed: {}", name, ctx.channel().remoteAddress(),
                            e.cause().getMessage());
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess() || connection == null) {
                write(ctx, SbiResponse.problem(SbiCause.INVALID_MSG_FORMAT.problem("malformed HTTP request")), false);
                return;
            }
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            req.headers().forEach(headers::add);
            byte[] body = new byte[req.content().readableBytes()];
            req.content().readBytes(body);
            SbiRequest request = new SbiRequest(req.method().name(), req.uri(), new SbiHeaders(headers), body);
            try {
                handler.handle(request, connection).whenComplete((rsp, err) -> ctx.executor().execute(() -> {
                    if (err != null) {
                        LOG.warn("{}: {} on {} failed: {}", name, request, connection.id(), err.getClass().getName());
                        write(ctx, SbiResponse.problem(SbiCause.SYSTEM_FAILURE.problem("internal error")), keepAlive);
                    } else {
                        write(ctx, rsp, keepAlive);
                    }
                }));
            } catch (RuntimeException e) {
                LOG.warn("{}: {} on {} failed: {}", name, request, connection.id(), e.getClass().getName());
                write(ctx, SbiResponse.problem(SbiCause.SYSTEM_FAILURE.problem("internal error")), keepAlive);
            }
        }

        private void write(ChannelHandlerContext ctx, SbiResponse rsp, boolean keepAlive) {
            FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(rsp.status()), Unpooled.wrappedBuffer(rsp.body()));
            rsp.headers().entries().forEach(e -> out.headers().add(e.getKey(), e.getValue()));
            out.headers().set(HttpHeaderNames.CONTENT_LENGTH, rsp.body().length);
            if (!keepAlive) {
                out.headers().set(HttpHeaderNames.CONNECTION, "close");
            }
            var f = ctx.writeAndFlush(out);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: connection {} failed: {}", name, ctx.channel().remoteAddress(), cause.getClass().getName());
            ctx.close();
        }
    }
}
