package org.keygate.ims.bfcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames the TCP byte stream into BFCP messages by the common header's Payload Length (RFC 4582 6: BFCP frames
 * itself) and decodes each with {@link BfcpCodec}. Passes on {@link BfcpMessage}s, or a {@link BfcpDecodeFailure}
 * per refused message; after a fatal one (version other than 1, message over {@link BfcpLimits#maxMessageBytes()})
 * it discards all further input. Copies each message out, so nothing it passes on needs releasing.
 */
public final class BfcpDecoder extends ByteToMessageDecoder {
    private final BfcpLimits limits;
    private boolean failed;

    public BfcpDecoder(BfcpLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.readableBytes() >= BfcpCodec.HEADER_BYTES) {
            byte[] head = new byte[BfcpCodec.HEADER_BYTES];
            in.getBytes(in.readerIndex(), head);
            BfcpCodec.Header header = BfcpCodec.Header.read(ByteBuffer.wrap(head));
            if (header.version() != BfcpCodec.VERSION) {
                fail(out, header, "version " + header.version() + " (expected: 1, RFC 4582 5.1)", BfcpErrorCode.UNSUPPORTED_VERSION);
                break;
            }
            if (header.messageBytes() > limits.maxMessageBytes()) {
                fail(out, header, "message over " + limits.maxMessageBytes() + " octets", BfcpErrorCode.UNABLE_TO_PARSE_MESSAGE);
                break;
            }
            if (in.readableBytes() < header.messageBytes()) {
                return;
            }
            byte[] wire = new byte[header.messageBytes()];
            in.readBytes(wire);
            try {
                out.add(BfcpCodec.decode(wire, limits));
            } catch (BfcpParseException e) {
                out.add(new BfcpDecodeFailure(header, e.getMessage(), e.errorCode(), false));
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(List<Object> out, BfcpCodec.Header header, String reason, BfcpErrorCode code) {
        out.add(new BfcpDecodeFailure(header, reason, code, true));
        failed = true;
    }
}
