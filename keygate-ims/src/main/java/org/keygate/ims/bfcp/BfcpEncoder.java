package org.keygate.ims.bfcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link BfcpMessage}s (RFC 4582 5); stateless and sharable. */
@ChannelHandler.Sharable
public final class BfcpEncoder extends MessageToByteEncoder<BfcpMessage> {
    public BfcpEncoder() {
        super(BfcpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BfcpMessage msg, ByteBuf out) {
        out.writeBytes(BfcpCodec.encode(msg));
    }
}
