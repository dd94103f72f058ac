package org.keygate.ims.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
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
public final class MsrpEncoder extends MessageToMessageEncoder<MsrpMessage> {
    private static final String END_LINE_DASHES = "-------";
    /** Start line, paths, a few headers and the end-line of a typical message; the buffer grows if they need more. */
    private static final int HEAD_ESTIMATE = 512;
    /**
     * Bodies from this size on are passed on as they are, between a buffer for the head and one for the end-line,
     * instead of copied into one buffer: a 32 KiB chunk's copy, and a buffer above the pooled allocator's sizes (its
     * slow path was a tenth of the MRFP's CPU per 32 KiB chunk, issue 20). The TLS handler below copies it once.
     */
    private static final int PASSED_ON_BODY = 4096;

    public MsrpEncoder() {
        super(MsrpMessage.class);
    }

    /**
     * Heap buffers always: the TLS handler below (Bouncy Castle's, TS 33.328's PSK suites) encrypts from arrays and
     * takes a heap buffer's own, and the head's characters are array stores (into a direct buffer each was a
     * bounds-checked native access, a sixth of the MRFP's CPU per 1 KiB chunk, issue 20).
     */
    @Override
    protected void encode(ChannelHandlerContext ctx, MsrpMessage msg, List<Object> out) {
        ChunkBody body = msg instanceof MsrpRequest r && r.contentType().isPresent() ? r.chunkBody() : null;
        if (body == null || body.length() < PASSED_ON_BODY) {
            ByteBuf all = ctx.alloc().heapBuffer(HEAD_ESTIMATE + (body == null ? 0 : body.length()));
            write(msg, all);
            out.add(all);
            return;
        }
        ByteBuf head = ctx.alloc().heapBuffer(HEAD_ESTIMATE);
        try {
            writeHead(msg, head);
        } catch (RuntimeException e) {
            head.release();
            throw e;
        }
        ByteBuf end = ctx.alloc().heapBuffer(2 + END_LINE_DASHES.length() + msg.transactionId().length() + 3);
        end.writeByte('\r').writeByte('\n');
        writeEndLine(msg, end);
        out.add(head);
        out.add(Unpooled.wrappedBuffer(body.octets())); // immutable, shared by every receiver of the chunk
        out.add(end);
    }

    /** The wire bytes of one message. */
    public static byte[] encode(MsrpMessage msg) {
        ByteBuf out = Unpooled.buffer(HEAD_ESTIMATE);
        write(msg, out);
        return ByteBufUtil.getBytes(out);
    }

    private static void write(MsrpMessage msg, ByteBuf out) {
        ChunkBody body = writeHead(msg, out);
        if (body != null) {
            out.writeBytes(body.octets());
            out.writeByte('\r').writeByte('\n');
        }
        writeEndLine(msg, out);
    }

    /** RFC 4975 9: end-line = "-------" transact-id continuation-flag CRLF. */
    private static void writeEndLine(MsrpMessage msg, ByteBuf out) {
        ByteBufUtil.writeAscii(out, END_LINE_DASHES);
        ByteBufUtil.writeAscii(out, msg.transactionId());
        out.writeByte(msg instanceof MsrpRequest r ? r.continuation().flag() : Continuation.END.flag())
                .writeByte('\r').writeByte('\n');
    }

    /** Start line, headers and, with a body, the blank line; returns the body to write after it, if any. */
    private static ChunkBody writeHead(MsrpMessage msg, ByteBuf out) {
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
        ChunkBody body = null;
        if (msg instanceof MsrpRequest r) {
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
        return body;
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
