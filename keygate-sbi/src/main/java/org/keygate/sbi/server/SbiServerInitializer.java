package org.keygate.sbi.server;

import io.micrometer.core.instrument.Tags;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import org.keygate.sbi.h2.H2ConnectionBuilder;
import org.keygate.sbi.log.LogThrottle;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsServerConfig;

/**
 * The one place a server's pipeline is assembled from its frozen config (Armeria's pipeline configurator):
 *
 * <pre>
 * TLS:       idle -> connections -> deadline -> [renegotiation guard, JDK] -> tls (JDK SSLEngine or BC handler, ALPN h2 | http/1.1) -> alpn -> h2 | http/1.1
 * cleartext: idle -> connections -> deadline -> h2c prior knowledge | HTTP/1.1 (upgrade to h2c too)
 * h2:        Http2Exchanges (Netty's connection handler; its streams to requests and back, body limit, Rapid Reset guard)
 * http/1.1:  HttpServerCodec -> keep-alive -> body limit -> [upgrade] -> dispatcher
 * </pre>
 *
 * The SSLEngine comes from the listener's {@code TlsEngines}: the JDK's own (not Netty's wrapper), so the session
 * handlers see is the JDK's {@code ExtendedSSLSession}, which the TLS exporter needs (N32-c); or BoringSSL's where the
 * node's {@code tls.provider} is openssl (the data path: N32-f, the SBI).
 */
final class SbiServerInitializer extends ChannelInitializer<SocketChannel> {

    private final SbiServerConfig config;
    private final ConnectionTracker.Listener tracking;
    private final BcTlsServerConfig bcTls;
    private final HandlerInvoker invoker;
    /** The accepted connections, closed with the server when its event loops are shared and outlive it. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    /** This listener's failed TLS handshakes, logged per cause at most a few times per interval ({@link TlsNegotiator}). */
    final LogThrottle handshakeFailures = new LogThrottle(org.slf4j.LoggerFactory.getLogger(TlsNegotiator.class));

    SbiServerInitializer(SbiServerConfig config) {
        this.config = config;
        this.invoker = new HandlerInvoker(config);
        // RFC 7301: the server's preference decides; h2 first (TS 29.500 5.2.2), HTTP/1.1 for simple tools.
        this.bcTls = config.bcTls().map(c -> c.toBuilder().applicationProtocols(config.http2Only()
                ? List.of(JdkAlpnHandler.H2) : List.of(JdkAlpnHandler.H2, JdkAlpnHandler.HTTP_1_1)).build()).orElse(null);
        this.tracking = new ConnectionTracker.Listener(config, new ConnectionTracker.Counts(config.limits()),
                new ConnectionEvents(config));
        config.meters().gauge("keygate_sbi_connections_active", Tags.of("server", config.name()),
                tracking.counts().active());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(0, 0, ConnectionTracker.idlePeriod(config).toMillis(),
                TimeUnit.MILLISECONDS));
        p.addLast("connections", new ConnectionTracker(tracking));
        p.addLast(EstablishDeadline.NAME, new EstablishDeadline(tracking));
        connections.add(ch);
        if (bcTls != null) {
            // The deadline above closes first; the BC handler's own timeout (it needs one) is only a backstop.
            p.addLast("tls", BcTlsHandler.server(bcTls, config.limits().handshakeTimeout().multipliedBy(2)));
            p.addLast("alpn", new TlsNegotiator(config, this));
        } else if (config.tls()) {
            SslHandler tls = new SslHandler(serverEngine(ch));
            tls.setHandshakeTimeoutMillis(0); // the deadline above covers TLS and the preface together
            p.addLast(RenegotiationGuard.NAME, new RenegotiationGuard(tracking));
            p.addLast("tls", tls);
            p.addLast("alpn", new TlsNegotiator(config, this));
        } else {
            HttpServerCodec codec = http1Codec();
            HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                    AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                            ? new Http2ServerUpgradeCodec(exchanges(ch, "h2c"))
                            : null,
                    config.maxRequestBodyBytes());
            p.addLast("h2c", new CleartextHttp2ServerUpgradeHandler(codec, upgrade, new ChannelInitializer<>() {
                @Override
                protected void initChannel(io.netty.channel.Channel c) {
                    c.pipeline().addLast("h2", exchanges(c, "h2c"));
                }
            }));
            // Reached only by plain HTTP/1.1: the codec is already in place, add what follows it.
            p.addLast("http1-tail", new Http1Tail(this));
        }
    }

    private SSLEngine serverEngine(SocketChannel ch) {
        // RFC 7301: the server's preference decides; h2 first (TS 29.500 5.2.2), HTTP/1.1 for simple tools.
        return config.tlsEngines().orElseThrow().serverEngine(ch.alloc(), config.http2Only()
                ? List.of(JdkAlpnHandler.H2) : List.of(JdkAlpnHandler.H2, JdkAlpnHandler.HTTP_1_1));
    }

    void addHttp2(ChannelPipeline p) {
        p.addLast("h2", exchanges(p.channel(), JdkAlpnHandler.H2));
    }

    /** Asks each connection, on its own event loop, to take no new requests ({@link Http2Exchanges#DRAIN}). */
    void beginDrain() {
        for (io.netty.channel.Channel ch : connections) {
            try {
                ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(Http2Exchanges.DRAIN));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Its loop has stopped (a second stop racing the first one's close, found by a clean-clone CI run
                // of AefDrainOnStopTest): the loop closes its channels as it stops, so nothing is left to drain here.
            }
        }
    }

    int requestsInFlight() {
        return invoker.inFlight();
    }

    /** Closes each accepted connection whose TLS peer's chain {@code peerChain} accepts; how many. */
    int closeIf(java.util.function.Predicate<java.util.List<java.security.cert.X509Certificate>> peerChain) {
        int closed = 0;
        for (io.netty.channel.Channel ch : connections) {
            NettySbiConnection c = ch.attr(NettySbiConnection.KEY).get();
            if (c != null && !c.peerCertificates().isEmpty() && peerChain.test(c.peerCertificates())) {
                ch.close();
                closed++;
            }
        }
        return closed;
    }

    /** Closes every accepted connection (the server's event loops are shared and stay up). */
    ChannelGroupFuture closeConnections() {
        return connections.close();
    }

    private Http2Exchanges exchanges(io.netty.channel.Channel ch, String protocol) {
        NettySbiConnection c = ch.attr(NettySbiConnection.KEY).get();
        if (c == null) {
            c = new NettySbiConnection(ch, protocol);
            ch.attr(NettySbiConnection.KEY).set(c);
        }
        return http2Exchanges(config, invoker, c);
    }

    void addHttp1(ChannelPipeline p) {
        p.addLast("http1", http1Codec());
        addHttp1Tail(p);
    }

    void addHttp1Tail(ChannelPipeline p) {
        p.addLast("established", EstablishDeadline.marker());
        p.addLast("keep-alive", new HttpServerKeepAliveHandler());
        p.addLast("body-limit", new BodyLimit(config.maxRequestBodyBytes()));
        config.http1Upgrade().ifPresent(u -> p.addLast(Http1Upgrades.NAME, new Http1Upgrades(u)));
        p.addLast("dispatch", new SbiRequestDispatcher(config, invoker));
    }

    private HttpServerCodec http1Codec() {
        return new HttpServerCodec(4096, config.maxHeaderListSize(), 8192);
    }

    /** The server's HTTP/2 connection handler with its settings (also the in-memory benchmark's). */
    static Http2Exchanges http2Exchanges(SbiServerConfig config, HandlerInvoker invoker, NettySbiConnection c) {
        return H2ConnectionBuilder.forServer((decoder, encoder, settings) -> new Http2Exchanges(decoder, encoder,
                settings, config, invoker, c)).initialSettings(Http2Settings.defaultSettings()
                .maxConcurrentStreams(config.maxConcurrentStreams())
                .maxHeaderListSize(config.maxHeaderListSize())
                .initialWindowSize(config.h2().initialStreamWindowBytes())).build();
    }

    /** After the cleartext handler: the first plain HTTP/1.1 message installs the HTTP/1.1 tail once. */
    private static final class Http1Tail extends ChannelInboundHandlerAdapter {
        private final SbiServerInitializer initializer;

        Http1Tail(SbiServerInitializer initializer) {
            this.initializer = initializer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelPipeline p = ctx.pipeline();
            initializer.addHttp1Tail(p);
            ctx.fireChannelRead(msg);
            p.remove(this);
        }
    }
}
