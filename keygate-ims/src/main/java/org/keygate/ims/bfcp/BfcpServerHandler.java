package org.keygate.ims.bfcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.List;
import org.keygate.ims.flow.RelayBackPressure;
import org.keygate.ims.flow.RelayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves decoded BFCP messages between a connection and a {@link FloorControlServer}. A refused message gets its Error
 * (RFC 4582 13.8); after a fatal one the connection closes. On close the server releases the user's floors and the
 * resulting notifications go out to the others.
 *
 * <p>Reading from this connection stops while a connection it makes the server write to (its own, for the answers,
 * or another participant's, for notifications) cannot take more ({@link RelayBackPressure}): a client that sends
 * requests without reading the answers stalls itself instead of filling the MRFP's memory. One log line per ended
 * connection with its cause and counts; refused input and failed writes are only counted ({@link RelayCounters}).
 */
public final class BfcpServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BfcpServerHandler.class);
    private final FloorControlServer<Channel> server;
    private final RelayCounters counters;
    private final ChannelFutureListener onWritten;
    private long messagesIn;
    private long refused;
    private long pauses;
    private String lastRefusal = "none";
    private String endCause = "closed";

    public BfcpServerHandler(FloorControlServer<Channel> server, RelayCounters counters) {
        this.server = server;
        this.counters = counters;
        this.onWritten = f -> {
            if (!f.isSuccess()) {
                counters.failedForwards().increment();
            }
        };
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case BfcpMessage m -> {
                messagesIn++;
                deliver(ctx.channel(), server.receive(ctx.channel(), m));
            }
            case BfcpDecodeFailure f -> {
                refused++;
                lastRefusal = f.reason();
                counters.refusedInputs().increment();
                var write = ctx.writeAndFlush(f.errorReply());
                if (f.fatal()) {
                    endCause = "BFCP input refused: " + f.reason();
                    write.addListener(ChannelFutureListener.CLOSE);
                } else {
                    RelayBackPressure.wrote(ctx.channel(), ctx.channel());
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    private void deliver(Channel sender, List<BfcpDelivery<Channel>> deliveries) {
        for (BfcpDelivery<Channel> d : deliveries) {
            // Encoded here, on the sender's loop, so that a notification handed to another participant's loop counts
            // at its real size in that connection's queue at once (Netty counts an object it cannot size as 8 bytes).
            d.connection().writeAndFlush(Unpooled.wrappedBuffer(BfcpCodec.encode(d.message()))).addListener(onWritten);
            if (RelayBackPressure.wrote(sender, d.connection())) {
                pauses++;
                counters.pauses().increment();
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            RelayBackPressure.released(ctx.channel());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deliver(ctx.channel(), server.closed(ctx.channel()));
        RelayBackPressure.released(ctx.channel());
        counters.endedConnections().increment();
        LOG.info("BFCP connection {} ended: {}; {} messages in, {} refused (last: {}), reading paused {} times for "
                + "slow receivers", ctx.channel().remoteAddress(), endCause, messagesIn, refused, lastRefusal, pauses);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        endCause = "failed: " + cause;
        ctx.close();
    }
}
