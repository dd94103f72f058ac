package org.keygate.sbi.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.keygate.sbi.h2.H2ConnectionBuilder;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.loop.SbiEventLoops;
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
import org.keygate.tls.jsse.TlsEngines;
import javax.net.ssl.SSLParameters;
import org.keygate.sbi.server.NettySbiConnection;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsHandler;

/**
 * An HTTP/2 client for the SBI: TLS with ALPN h2 required (the JDK's SSLEngine, so the session is the JDK's
 * {@code ExtendedSSLSession}, or BoringSSL's, by the {@link TlsEngines} given; or keygate's Bouncy Castle handler, {@link Builder#bcTls}, for PSK and the TLS 1.2
 * master secret, read through {@code SbiConnection.bcTlsSession()}), or h2c with prior knowledge. {@link #connect}
 * gives a connection on which every request is a new stream.
 *
 * <p>Runs on an event loop of its own, or on a node's shared loops ({@link Builder#eventLoops}): then a connection
 * opened from one of those threads is bound to that thread, so that a server handler forwarding on it never hands
 * the request to another thread. {@link #close()} ends every connection it made (and its own loop, if it has one).
 */
public final class SbiClient implements AutoCloseable {
    private final TlsEngines tlsEngines;
    private final BcTlsClientConfig bcTls;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxResponseBodyBytes;
    private final H2Settings h2;
    private final String name;
    private final io.micrometer.core.instrument.MeterRegistry meters;
    /** The source address of new connections; null: the system's choice. */
    private final InetSocketAddress localAddress;
    /** Null when the loops are shared. */
    private final EventLoopGroup ownGroup;
    private final SbiEventLoops sharedLoops;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    private SbiClient(Builder b) {
        this.tlsEngines = b.tlsEngines;
        this.bcTls = b.bcTls;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseBodyBytes = b.maxResponseBodyBytes;
        this.h2 = b.h2;
        this.name = b.name;
        this.meters = b.meters;
        this.localAddress = b.localAddress;
        this.sharedLoops = b.eventLoops;
        this.ownGroup = sharedLoops != null ? null
                : new MultiThreadIoEventLoopGroup(b.eventLoopThreads, NioIoHandler.newFactory());
    }

    /** Where a new connection runs: the caller's own loop when it is one of the shared ones. */
    private EventLoopGroup loopForNewConnection() {
        return sharedLoops != null ? sharedLoops.current() : ownGroup;
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
        Bootstrap b = new Bootstrap().group(loopForNewConnection()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast("self-connect", new SelfConnectGuard(address, ready));
                        if (bcConfig != null) {
                            ch.pipeline().addLast("tls", BcTlsHandler.client(bcConfig));
                            ch.pipeline().addLast("alpn", new AlpnCheck(ready));
                            return;
                        }
                        if (tlsEngines == null) {
                            addHttp2(ch.pipeline(), ready, connection(ch, "h2c"));
                            return;
                        }
                        ch.pipeline().addLast("tls", new SslHandler(clientEngine(ch, address, params)));
                        ch.pipeline().addLast("alpn", new AlpnCheck(ready));
                    }
                });
        io.netty.channel.ChannelFuture connecting = localAddress == null ? b.connect(address)
                : b.connect(address, localAddress);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                ready.completeExceptionally(new java.net.ConnectException("cannot connect to " + address + ": "
                        + f.cause().getMessage()));
            } // a TCP self-connect is refused by SelfConnectGuard, before anything is sent
        });
        return ready.orTimeout(connectTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    /**
     * Installs this client's HTTP/2 handlers (h2c) on a channel connected by other means; package-private: for the
     * in-memory benchmark of the HTTP/2 handlers, which runs them on Netty's EmbeddedChannel.
     */
    CompletableFuture<SbiClientConnection> attachHttp2(Channel ch) {
        CompletableFuture<SbiClientConnection> ready = new CompletableFuture<>();
        addHttp2(ch.pipeline(), ready, connection(ch, "h2c"));
        return ready;
    }

    /**
     * The connection handler (its streams, PINGs and readiness: ready once the server's SETTINGS came). No server
     * push (RFC 9113 8.4: SETTINGS_ENABLE_PUSH 0).
     */
    private void addHttp2(io.netty.channel.ChannelPipeline p, CompletableFuture<SbiClientConnection> ready,
            NettySbiConnection connection) {
        Http2Calls calls = H2ConnectionBuilder.forClient((decoder, encoder, settings) -> new Http2Calls(decoder,
                encoder, settings, requestTimeout, maxResponseBodyBytes, h2, name, meters))
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)
                        .initialWindowSize(h2.initialStreamWindowBytes())).build();
        p.addLast("h2", calls);
        SbiClientConnection client = new NettySbiClientConnection(connection, calls, calls.pings());
        calls.settingsReceived().whenComplete((v, e) -> {
            if (e == null) {
                ready.complete(client);
            } else {
                ready.completeExceptionally(e);
            }
        });
    }

    private SSLEngine clientEngine(Channel ch, InetSocketAddress address, SSLParameters params) {
        String peerHost = address.getHostString();
        if (params != null) {
            for (SNIServerName n : params.getServerNames() == null ? List.<SNIServerName>of() : params.getServerNames()) {
                if (n instanceof SNIHostName h) {
                    peerHost = h.getAsciiName();
                }
            }
        }
        // TS 29.500 5.2.2: h2 only.
        return tlsEngines.clientEngine(ch.alloc(), peerHost, address.getPort(), params, List.of(JdkAlpnHandler.H2));
    }

    private NettySbiConnection connection(Channel ch, String protocol) {
        NettySbiConnection c = new NettySbiConnection(ch, protocol);
        ch.attr(NettySbiConnection.KEY).set(c);
        return c;
    }

    @Override
    public void close() {
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (ownGroup != null) {
            org.keygate.sbi.loop.SbiEventLoops.shutdown(ownGroup);
        }
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
            addHttp2(ctx.pipeline(), ready, connection(ctx.channel(), H2));
        }

        @Override
        protected void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
            var failure = new javax.net.ssl.SSLHandshakeException("TLS handshake with "
                    + ctx.channel().remoteAddress() + " failed: " + rootMessage(cause));
            failure.initCause(cause);
            ready.completeExceptionally(failure);
        }
    }

    /** Settings, checked as given. */
    public static final class Builder {
        private TlsEngines tlsEngines;
        private BcTlsClientConfig bcTls;
        private boolean cleartext;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxResponseBodyBytes = 1 << 20;
        private int eventLoopThreads = 1;
        private H2Settings h2 = H2Settings.DEFAULT;
        private SbiEventLoops eventLoops;
        private String name = "sbi-client";
        /** No registry added: counted nowhere unless {@link #meterRegistry} is given. */
        private io.micrometer.core.instrument.MeterRegistry meters =
                new io.micrometer.core.instrument.composite.CompositeMeterRegistry();
        private InetSocketAddress localAddress;

        private Builder() {}

        /** TLS on the JDK's engine over {@code context}. */
        public Builder tls(SSLContext context) {
            Objects.requireNonNull(context, "context");
            return tls(TlsEngines.jdk(context, context.getDefaultSSLParameters()));
        }

        /** TLS on the engines of the node's provider ({@code tls.provider}, docs/CONFIGURATION.md). */
        public Builder tls(TlsEngines engines) {
            this.tlsEngines = Objects.requireNonNull(engines, "engines");
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

        /** For logs and the {@code client} tag of its metrics. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Where {@code keygate_sbi_client_connection_errors_total} is counted. */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            this.meters = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The HTTP/2 flow-control windows advertised. */
        public Builder h2(H2Settings settings) {
            this.h2 = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Connect on these shared loops (not closed with the client) instead of a loop of its own. */
        public Builder eventLoops(SbiEventLoops loops) {
            this.eventLoops = Objects.requireNonNull(loops, "loops");
            return this;
        }

        /**
         * The source address of every connection (a host with several interfaces); port 0 lets the system choose
         * the port, another port limits the client to one connection at a time.
         */
        public Builder localAddress(InetSocketAddress address) {
            this.localAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        public SbiClient build() {
            int modes = (cleartext ? 1 : 0) + (tlsEngines != null ? 1 : 0) + (bcTls != null ? 1 : 0);
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
