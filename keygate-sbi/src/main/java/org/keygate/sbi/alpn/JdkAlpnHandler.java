package org.keygate.sbi.alpn;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsSession;

/**
 * Waits for the TLS handshake and reports its ALPN result (RFC 7301) or its failure, once. Netty's
 * {@code ApplicationProtocolNegotiationHandler} reads ALPN through Netty's own engine wrappers; keygate runs the
 * JDK's SSLEngine directly (the exporter needs the JDK session), so the result is read from
 * {@code SSLEngine.getApplicationProtocol()} here, for the server and the client alike; behind keygate's Bouncy Castle
 * handler ({@link BcTlsHandler}, PSK and master-secret TLS) from its {@link BcTlsSession}. The handler removes itself
 * after a successful handshake.
 */
public abstract class JdkAlpnHandler extends ChannelInboundHandlerAdapter {
    /** ALPN protocol IDs (RFC 7301 6, RFC 9113 3.2). */
    public static final String H2 = "h2";
    public static final String HTTP_1_1 = "http/1.1";

    private boolean failed;

    /** The handshake succeeded; {@code protocol} is empty when the peer offered no ALPN. */
    protected abstract void negotiated(ChannelHandlerContext ctx, String protocol);

    /** The handshake failed; the channel is closed right after. */
    protected abstract void handshakeFailed(ChannelHandlerContext ctx, Throwable cause);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (!done.isSuccess()) {
            failed = true;
            handshakeFailed(ctx, done.cause());
            ctx.close();
            return;
        }
        negotiated(ctx, applicationProtocol(ctx.pipeline()));
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A handshake error arrives here as well as in the completion event; report it once.
        if (!failed) {
            failed = true;
            handshakeFailed(ctx, cause);
        }
        ctx.close();
    }

    /** The ALPN result of the pipeline's TLS handler, JDK or BC; empty when none was agreed. */
    public static String applicationProtocol(ChannelPipeline pipeline) {
        SslHandler jdk = pipeline.get(SslHandler.class);
        if (jdk != null) {
            String protocol = jdk.engine().getApplicationProtocol();
            return protocol == null ? "" : protocol;
        }
        BcTlsHandler bc = pipeline.get(BcTlsHandler.class);
        return bc == null ? "" : bc.session().flatMap(BcTlsSession::applicationProtocol).orElse("");
    }

    /** The innermost cause's class and message: what an operator needs, without the stack. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
