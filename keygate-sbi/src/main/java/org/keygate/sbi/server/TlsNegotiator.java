package org.keygate.sbi.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the TLS handshake: installs HTTP/2 or HTTP/1.1 by the ALPN result (RFC 7301; no ALPN means HTTP/1.1), or,
 * when the handshake failed (an untrusted certificate, a bad alert), logs it once at INFO with the peer address and
 * counts it; the connection then closes and the server goes on serving others.
 */
final class TlsNegotiator extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TlsNegotiator.class);

    private final SbiServerConfig config;
    private final SbiServerInitializer initializer;
    private boolean failed;

    TlsNegotiator(SbiServerConfig config, SbiServerInitializer initializer) {
        this.config = config;
        this.initializer = initializer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (!done.isSuccess()) {
            failed = true;
            log.info("{}: TLS handshake with {} failed: {}", config.name(), ctx.channel().remoteAddress(),
                    rootMessage(done.cause()));
            config.meters().counter("keygate_sbi_tls_handshake_failures_total", "server", config.name()).increment();
            ctx.close();
            return;
        }
        String alpn = ctx.pipeline().get(SslHandler.class).engine().getApplicationProtocol();
        boolean h2 = SbiServerInitializer.H2.equals(alpn);
        ctx.channel().attr(NettySbiConnection.KEY).set(new NettySbiConnection(ctx.channel(),
                h2 ? SbiServerInitializer.H2 : SbiServerInitializer.HTTP_1_1));
        if (h2) {
            initializer.addHttp2(ctx.pipeline());
        } else {
            initializer.addHttp1(ctx.pipeline());
        }
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Handshake errors arrive here too; the completion event has logged them once already.
        if (!failed) {
            log.debug("{}: connection {} error before negotiation: {}", config.name(), ctx.channel().remoteAddress(),
                    rootMessage(cause));
        }
        ctx.close();
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
