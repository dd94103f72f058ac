package org.keygate.ims.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes {@link MsrpMessage}s in the RFC 4975 9 wire form; stateless and sharable.
 *
 * <p>RFC 4975 7.1: a body must not contain its request's end-line. The encoder scans the body for it unless the body
 * proves it absent ({@link ChunkBody#provesNoEndLine}: a relayed chunk whose transaction id extends the one the decoder
 * framed it with), and refuses the message if it is there ({@link EncoderException}).
 */
@io.netty.channel.ChannelHandler.Sharable
public final class MsrpEncoder extends MessageToByteEncoder<MsrpMessage> {
    private static final String END_LINE_DASHES = "-------";

    public MsrpEncoder() {
        super(MsrpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage msg, ByteBuf out) {
        write(msg, out);
    }

    /**
     * A heap buffer always: the TLS handler below (Bouncy Castle's, TS 33.328's PSK suites) encrypts from arrays and
     * takes a heap buffer's own, and the head's characters are array stores (into a direct buffer each was a
     * bounds-checked native access, a sixth of the MRFP's CPU per 1 KiB chunk, issue 20).
     */
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MsrpMessage msg, boolean preferDirect) {
        return ctx.alloc().heapBuffer(HEAD_ESTIMATE + (msg instanceof MsrpRequest r ? r.bodyLength() : 0));
    }

    /** Start line, paths, a few headers and the end-line of a typical message; the buffer grows if they need more. */
    private static final int HEAD_ESTIMATE = 512;

    /** The wire bytes of one message. */
    public static byte[] encode(MsrpMessage msg) {
        ByteBuf out = Unpooled.buffer(HEAD_ESTIMATE);
        write(msg, out);
        return ByteBufUtil.getBytes(out);
    }

    private static void write(MsrpMessage msg, ByteBuf out) {
        StringBuilder head = new StringBuilder(256);
        head.append("MSRP ").append(msg.transactionId()).append(' ');
        switch (msg) {
            case MsrpRequest r -> head.append(r.method());
            case MsrpResponse r -> {
                appendStatus(head, r.status());
                r.comment().ifPresent(c -> head.append(' ').append(c));
            }
        }
        head.append("\r\nTo-Path: ");
        paths(head, msg.toPath());
        head.append("\r\nFrom-Path: ");
        paths(head, msg.fromPath());
        head.append("\r\n");
        for (MsrpHeader h : msg.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        char flag = Continuation.END.flag();
        ChunkBody body = null;
        if (msg instanceof MsrpRequest r) {
            flag = r.continuation().flag();
            if (r.contentType().isPresent()) {
                head.append("Content-Type: ").append(r.contentType().get()).append("\r\n\r\n");
                body = r.chunkBody();
                if (!body.provesNoEndLine(msg.transactionId()) && containsEndLine(body.octets(), msg.transactionId())) {
                    // RFC 4975 7.1: the sender must pick a transaction ID that does not occur in the body
                    throw new EncoderException("body contains the end-line of transaction " + msg.transactionId());
                }
            }
        }
        ByteBufUtil.writeUtf8(out, head);
        if (body != null) {
            out.writeBytes(body.octets());
            out.writeByte('\r').writeByte('\n');
        }
        ByteBufUtil.writeAscii(out, END_LINE_DASHES);
        ByteBufUtil.writeAscii(out, msg.transactionId());
        out.writeByte(flag).writeByte('\r').writeByte('\n');
    }

    private static void appendStatus(StringBuilder head, int status) {
        // RFC 4975 9: status-code = 3DIGIT (the value types keep it in 100-999)
        head.append((char) ('0' + status / 100)).append((char) ('0' + status / 10 % 10)).append((char) ('0' + status % 10));
    }

    private static void paths(StringBuilder head, List<MsrpUri> uris) {
        for (int i = 0; i < uris.size(); i++) {
            if (i > 0) {
                head.append(' ');
            }
            head.append(uris.get(i));
        }
    }

    private static boolean containsEndLine(byte[] haystack, String transactionId) {
        byte[] needle = ("\r\n" + END_LINE_DASHES + transactionId).getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
