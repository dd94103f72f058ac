package org.keygate.ims.bfcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves decoded BFCP messages between a connection and a {@link FloorControlServer}. A refused message gets its Error
 * (RFC 4582 13.8); after a fatal one the connection closes. On close the server releases the user's floors and the
 * resulting notifications go out to the others.
 */
public final class BfcpServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BfcpServerHandler.class);
    private final FloorControlServer<Channel> server;

    public BfcpServerHandler(FloorControlServer<Channel> server) {
        this.server = server;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case BfcpMessage m -> deliver(server.receive(ctx.channel(), m));
            case BfcpDecodeFailure f -> {
                LOG.info("BFCP input refused from {}: {}", ctx.channel().remoteAddress(), f.reason());
                var write = ctx.writeAndFlush(f.errorReply());
                if (f.fatal()) {
                    write.addListener(ChannelFutureListener.CLOSE);
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    private static void deliver(java.util.List<BfcpDelivery<Channel>> deliveries) {
        for (BfcpDelivery<Channel> d : deliveries) {
            d.connection().writeAndFlush(d.message()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deliver(server.closed(ctx.channel()));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("BFCP connection {} failed: {}; closing", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
