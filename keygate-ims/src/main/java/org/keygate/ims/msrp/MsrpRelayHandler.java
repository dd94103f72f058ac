package org.keygate.ims.msrp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves decoded MSRP messages between connections and a {@link ChatRelay}; sits after {@link MsrpDecoder} (and
 * {@link MsrpEncoder} for writing). On an {@link MsrpDecodeFailure} it answers the request when it can, logs once and
 * closes the connection: the framing is lost. The relay forgets the connection when it closes.
 */
public final class MsrpRelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpRelayHandler.class);
    private final ChatRelay<Channel> relay;

    public MsrpRelayHandler(ChatRelay<Channel> relay) {
        this.relay = relay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case MsrpMessage message -> {
                for (MsrpDelivery<Channel> d : relay.receive(ctx.channel(), message)) {
                    d.connection().writeAndFlush(d.message()).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
                }
            }
            case MsrpDecodeFailure failure -> {
                LOG.info("MSRP input refused from {}: {}; closing", ctx.channel().remoteAddress(), failure.reason());
                if (failure.response().isPresent()) {
                    ctx.writeAndFlush(failure.response().get()).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        relay.closed(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.info("MSRP connection {} failed: {}; closing", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
