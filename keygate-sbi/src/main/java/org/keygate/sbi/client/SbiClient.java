package org.keygate.sbi.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.ssl.SslHandler;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.keygate.sbi.server.NettySbiConnection;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsHandler;

/**
 * An HTTP/2 client for the SBI: TLS with ALPN h2 required (the JDK's SSLEngine, so the session is the JDK's
 * {@code ExtendedSSLSession}; or keygate's Bouncy Castle handler, {@link Builder#bcTls}, for PSK and the TLS 1.2
 * master secret, read through {@code SbiConnection.bcTlsSession()}), or h2c with prior knowledge. {@link #connect}
 * gives a connection on which every request is a new stream.
 *
 * <p>Owns its event loop: {@link #close()} ends every connection it made.
 */
public final class SbiClient implements AutoCloseable {
    private final SSLContext sslContext;
    private final BcTlsClientConfig bcTls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBodyBytes;
    private final EventLoopGroup group;

    private SbiClient(Builder b) {
        this.sslContext = b.sslContext;
        this.bcTls = b.bcTls;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseBodyBytes = b.maxResponseBodyBytes;
        this.group = new MultiThreadIoEventLoopGroup(b.eventLoopThreads, NioIoHandler.newFactory());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a connection. With TLS, {@code params} carry SNI and endpoint identification (the peer's FQDN); the
     * future completes after the handshake, and fails if the peer did not select h2.
     */
    public CompletableFuture<SbiClientConnection> connect(InetSocketAddress address, SSLParameters params) {
        if (bcTls != null) {
            return connectBcTls(address, bcTls);
        }
        return open(address, params, null);
    }

    /** Opens a connection with the client's own settings (bcTls or cleartext). */
    public CompletableFuture<SbiClientConnection> connect(InetSocketAddress address) {
        return connect(address, (SSLParameters) null);
    }

    /**
     * Opens a connection with Bouncy Castle TLS and this connection's own config (e.g. the PSK for one AEF, or the
     * CCF's server name); its ALPN list is replaced by h2 (TS 29.500 5.2.2). Only for a client built with
     * {@link Builder#bcTls}.
     */
    public CompletableFuture<SbiClientConnection> connectBcTls(InetSocketAddress address, BcTlsClientConfig config) {
        if (bcTls == null) {
            throw new IllegalStateException("this client was not built with bcTls(...)");
        }
        return open(address, null, config.toBuilder().applicationProtocols(List.of(JdkAlpnHandler.H2)).build());
    }

    private CompletableFuture<SbiClientConnection> open(InetSocketAddress address, SSLParameters params,
            BcTlsClientConfig bcConfig) {
        CompletableFuture<SbiClientConnection> ready = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (bcConfig != null) {
                            ch.pipeline().addLast("tls", BcTlsHandler.client(bcConfig));
                            ch.pipeline().addLast("alpn", new AlpnCheck(ready));
                            return;
                        }
                        if (sslContext == null) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new RefusePushes()));
                            return;
                        }
                        ch.pipeline().addLast("tls", new SslHandler(clientEngine(address, params)));
                        ch.pipeline().addLast("alpn", new AlpnCheck(ready));
                    }
                });
        b.connect(address).addListener(f -> {
            if (!f.isSuccess()) {
                ready.completeExceptionally(new java.net.ConnectException("cannot connect to " + address + ": "
                        + f.cause().getMessage()));
            } else if (sslContext == null && bcConfig == null) {
                ready.complete(client(connection(((io.netty.channel.ChannelFuture) f).channel(), "h2c")));
            }
        });
        return ready.orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private SSLEngine clientEngine(InetSocketAddress address, SSLParameters params) {
        String peerHost = address.getHostString();
        if (params != null) {
            for (SNIServerName n : params.getServerNames() == null ? List.<SNIServerName>of() : params.getServerNames()) {
                if (n instanceof SNIHostName h) {
                    peerHost = h.getAsciiName();
                }
            }
        }
        SSLEngine engine = sslContext.createSSLEngine(peerHost, address.getPort());
        engine.setUseClientMode(true);
        if (params != null) {
            engine.setSSLParameters(params);
        }
        // A copy from the engine, so the caller's SSLParameters are never written to. TS 29.500 5.2.2: h2 only.
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(new String[] {JdkAlpnHandler.H2});
        engine.setSSLParameters(p);
        return engine;
    }

    private NettySbiConnection connection(Channel ch, String protocol) {
        NettySbiConnection c = new NettySbiConnection(ch, protocol);
        ch.attr(NettySbiConnection.KEY).set(c);
        return c;
    }

    private SbiClientConnection client(NettySbiConnection c) {
        return new NettySbiClientConnection(c, requestTimeout, maxResponseBodyBytes);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** After the TLS handshake: h2 or failure (TS 29.500 5.2.2: the SBI runs HTTP/2). */
    private final class AlpnCheck extends JdkAlpnHandler {
        private final CompletableFuture<SbiClientConnection> ready;

        AlpnCheck(CompletableFuture<SbiClientConnection> ready) {
            this.ready = ready;
        }

        @Override
        protected void negotiated(ChannelHandlerContext ctx, String protocol) {
            if (!H2.equals(protocol)) {
                ready.completeExceptionally(new IllegalStateException("peer " + ctx.channel().remoteAddress()
                        + " did not select h2 by ALPN (got '" + protocol + "')"));
                ctx.close();
                return;
            }
            ctx.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                    new Http2MultiplexHandler(new RefusePushes()));
            ready.complete(client(connection(ctx.channel(), H2)));
        }

        @Override
        protected void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
            var failure = new javax.net.ssl.SSLHandshakeException("TLS handshake with "
                    + ctx.channel().remoteAddress() + " failed: " + rootMessage(cause));
            failure.initCause(cause);
            ready.completeExceptionally(failure);
        }
    }

    /** The SBI uses no server push; a pushed stream is closed. */
    private static final class RefusePushes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }

        @Override
        public boolean isSharable() {
            return true;
        }
    }

    /** Settings, checked as given. */
    public static final class Builder {
        private SSLContext sslContext;
        private BcTlsClientConfig bcTls;
        private boolean cleartext;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxResponseBodyBytes = 1 << 20;
        private int eventLoopThreads = 1;

        private Builder() {}

        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * TLS by keygate's Bouncy Castle handler; {@code defaultConfig} serves {@link SbiClient#connect(InetSocketAddress)},
         * {@link SbiClient#connectBcTls(InetSocketAddress, BcTlsClientConfig)} takes one per connection.
         */
        public Builder bcTls(BcTlsClientConfig defaultConfig) {
            this.bcTls = Objects.requireNonNull(defaultConfig, "defaultConfig");
            return this;
        }

        public Builder cleartext() {
            this.cleartext = true;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive("connectTimeout", d);
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive("requestTimeout", d);
            return this;
        }

        public Builder maxResponseBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseBodyBytes: " + bytes + " (expected: > 0)");
            }
            this.maxResponseBodyBytes = bytes;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("eventLoopThreads: " + threads + " (expected: > 0)");
            }
            this.eventLoopThreads = threads;
            return this;
        }

        public SbiClient build() {
            int modes = (cleartext ? 1 : 0) + (sslContext != null ? 1 : 0) + (bcTls != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalStateException("choose one of tls(...), bcTls(...) and cleartext()");
            }
            return new SbiClient(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
