package org.keygate.sbi.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Refuses TLS 1.2 client-initiated renegotiation on a JDK TLS listener by closing the connection: each renegotiation
 * is a full handshake the client can ask for at will, outside every connection limit (the issue-12 attack did 299 on
 * one connection in 9 s), and nothing in SBI or N32 needs it. JSSE can refuse it only JVM-wide and only if
 * {@code jdk.tls.rejectClientInitiatedRenegotiation} is set before its first server handshake, so the record layer is
 * read here instead, ahead of the {@link SslHandler}: once that handler's handshake is done on TLS 1.2 or older, a
 * record of content type handshake(22) from the client can only start a new handshake (RFC 5246 6.2.1, 7.4.1.2).
 * TLS 1.3 has no renegotiation; its post-handshake messages travel as application_data(23) records (RFC 8446 5.1)
 * and pass. A bare-bones record framer is hand-written because no library exposes record boundaries of a stream
 * JSSE decrypts.
 */
final class RenegotiationGuard extends ChannelInboundHandlerAdapter {
    static final String NAME = "renegotiation-guard";
    /** RFC 5246 6.2.1 ContentType handshake. */
    private static final int HANDSHAKE = 22;
    private static final int RECORD_HEADER_BYTES = 5;

    private final ConnectionTracker.Listener listener;
    private final byte[] header = new byte[RECORD_HEADER_BYTES];
    private int headerBytes;
    /** Body bytes of the current record still to come. */
    private int bodyLeft;
    private boolean refused;

    RenegotiationGuard(ConnectionTracker.Listener listener) {
        this.listener = listener;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf in && startsRenegotiation(ctx, in)) {
            refused = true;
            in.release();
            listener.config().meters().counter("keygate_sbi_tls_renegotiations_refused_total", "server",
                    listener.config().name()).increment();
            listener.events().renegotiationRefused(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress());
            ctx.close();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /** Walks the record headers in {@code in} (without consuming it); true at a handshake record after the handshake. */
    private boolean startsRenegotiation(ChannelHandlerContext ctx, ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end) {
            if (bodyLeft > 0) {
                int skip = Math.min(bodyLeft, end - i);
                bodyLeft -= skip;
                i += skip;
                continue;
            }
            header[headerBytes++] = in.getByte(i++);
            if (headerBytes < RECORD_HEADER_BYTES) {
                continue;
            }
            headerBytes = 0;
            bodyLeft = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            if ((header[0] & 0xff) == HANDSHAKE && handshakeDoneBeforeTls13(ctx)) {
                return true;
            }
        }
        return false;
    }

    private static boolean handshakeDoneBeforeTls13(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return false;
        }
        String protocol = ssl.engine().getSession().getProtocol();
        return !"TLSv1.3".equals(protocol);
    }
}
