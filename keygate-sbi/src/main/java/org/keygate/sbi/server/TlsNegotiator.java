package org.keygate.sbi.server;

import io.netty.channel.ChannelHandlerContext;
import java.nio.channels.ClosedChannelException;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the server's TLS handshake: installs HTTP/2 or HTTP/1.1 by the ALPN result (no ALPN means HTTP/1.1), or,
 * when the handshake failed (an untrusted certificate, a bad alert), logs it at INFO with the peer address (a few lines
 * per cause and interval, {@link org.keygate.sbi.log.LogThrottle}) and counts it; the connection then closes and the
 * server goes on serving others.
 */
final class TlsNegotiator extends JdkAlpnHandler {
    private static final Logger log = LoggerFactory.getLogger(TlsNegotiator.class);

    private final SbiServerConfig config;
    private final SbiServerInitializer initializer;

    TlsNegotiator(SbiServerConfig config, SbiServerInitializer initializer) {
        this.config = config;
        this.initializer = initializer;
    }

    /**
     * Set ahead of the TLS handler: the connection got past the connection limits (they stop channelActive), and
     * a byte arrived (a probe's connect sends none).
     */
    private boolean admitted;
    private boolean spoke;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        io.netty.channel.ChannelHandler tls = ctx.pipeline().get("tls");
        if (tls != null) {
            ctx.pipeline().addBefore("tls", "first-bytes", new io.netty.channel.ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext c) {
                    admitted = true;
                    c.fireChannelActive();
                }

                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    spoke = true;
                    c.pipeline().remove(this);
                    c.fireChannelRead(msg);
                }
            });
        }
    }

    @Override
    protected void negotiated(ChannelHandlerContext ctx, String protocol) {
        boolean h2 = H2.equals(protocol);
        if (!h2 && config.http2Only()) {
            // TS 29.573 5.2 / TS 29.500 5.2.2: N32 is HTTP/2 only. A client that offered only http/1.1 failed the
            // handshake already (no_application_protocol, RFC 7301 3.2); one that offered no ALPN ends here.
            config.meters().counter("keygate_sbi_connections_refused_total", "server", config.name(), "reason",
                    "not_http2").increment();
            log.info("{}: connection from {} refused: no ALPN h2 (this listener is HTTP/2 only)", config.name(),
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        NettySbiConnection connection = new NettySbiConnection(ctx.channel(), h2 ? H2 : HTTP_1_1);
        java.util.List<java.security.cert.X509Certificate> chain = connection.peerCertificates();
        java.util.Optional<String> refusal = chain.isEmpty() ? java.util.Optional.empty()
                : config.peerCheck().refusal(chain);
        if (refusal.isPresent()) {
            config.meters().counter("keygate_sbi_connections_refused_total", "server", config.name(), "reason",
                    "peer_check").increment();
            log.info("{}: connection from {} refused after TLS: {}", config.name(), ctx.channel().remoteAddress(),
                    refusal.get());
            ctx.close();
            return;
        }
        ctx.channel().attr(NettySbiConnection.KEY).set(connection);
        if (h2) {
            initializer.addHttp2(ctx.pipeline());
        } else {
            initializer.addHttp1(ctx.pipeline());
        }
    }

    @Override
    protected void handshakeFailed(ChannelHandlerContext ctx, Throwable cause) {
        if (admitted && !spoke) {
            // Admitted, then closed without a byte (a load balancer's health probe; or the establish deadline, which
            // counts it too): no TLS was attempted.
            config.meters().counter("keygate_sbi_connections_silent_total", "server", config.name()).increment();
            log.debug("{}: connection from {} closed before any TLS record", config.name(),
                    ctx.channel().remoteAddress());
            return;
        }
        if (cause instanceof ClosedChannelException) {
            // Closed before the handshake ended: refused by the connection limits or closed at the deadline (both
            // counted and logged there), or the peer went away. Not a TLS failure.
            return;
        }
        // Throttled per listener and cause: a partner retrying with a revoked certificate, or every invoker of an AEF
        // whose CCF is down, made one line per attempt (10,000 per 10 s outage, issue 20 item 3); the counter below
        // has them all.
        String reason = rootMessage(cause);
        initializer.handshakeFailures.info(config.name() + " " + reason, "{}: TLS handshake with {} failed: {}", config.name(),
                ctx.channel().remoteAddress(), reason);
        config.meters().counter("keygate_sbi_tls_handshake_failures_total", "server", config.name()).increment();
    }
}
