package org.keygate.ims.msrp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.keygate.ims.flow.RelayBackPressure;
import org.keygate.ims.flow.RelayCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves decoded MSRP messages between connections and a {@link ChatRelay}; sits after {@link MsrpDecoder} (and
 * {@link MsrpEncoder} for writing). On an {@link MsrpDecodeFailure} it answers the request when it can and closes the
 * connection: the framing is lost. The relay forgets the connection when it closes.
 *
 * <p>Reading from this connection stops while a connection it writes to cannot take more ({@link RelayBackPressure}),
 * and this connection's own writability restarts the senders that wait on it. One log line per ended connection,
 * with its cause and counts; a forward that fails (its receiver left) is only counted
 * ({@link RelayCounters#failedForwards}).
 *
 * <p>Writes are flushed once per read batch ({@link #channelReadComplete}), not once per message.
 */
public final class MsrpRelayHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpRelayHandler.class);
    private final ChatRelay<Channel> relay;
    private final RelayCounters counters;
    private final ChannelFutureListener onWritten;
    private final AtomicLong messagesIn = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();
    private volatile String endCause = "closed";
    /** Connections written to since the last flush; only touched on this connection's event loop. */
    private final List<Channel> toFlush = new ArrayList<>(2);

    public MsrpRelayHandler(ChatRelay<Channel> relay, RelayCounters counters) {
        this.relay = relay;
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
            case MsrpMessage message -> {
                messagesIn.incrementAndGet();
                for (MsrpDelivery<Channel> d : relay.receive(ctx.channel(), message)) {
                    d.connection().write(d.message()).addListener(onWritten);
                    if (!toFlush.contains(d.connection())) {
                        toFlush.add(d.connection());
                    }
                    if (RelayBackPressure.wrote(ctx.channel(), d.connection())) {
                        pauses.incrementAndGet();
                        counters.pauses().increment();
                    }
                }
            }
            case MsrpDecodeFailure failure -> {
                endCause = "MSRP input refused: " + failure.reason();
                counters.refusedInputs().increment();
                if (failure.response().isPresent()) {
                    ctx.writeAndFlush(failure.response().get()).addListener(ChannelFutureListener.CLOSE);
                } else {
                    ctx.close();
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    /**
     * One flush per connection written to in this read batch (the TLS handler's or the socket's read): with
     * {@link org.keygate.ims.flow.GatheredWrites} below the encoder, one TLS record for many small chunks.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushWritten();
        ctx.fireChannelReadComplete();
    }

    private void flushWritten() {
        for (int i = 0; i < toFlush.size(); i++) {
            toFlush.get(i).flush();
        }
        toFlush.clear();
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
        flushWritten();
        relay.closed(ctx.channel());
        RelayBackPressure.released(ctx.channel());
        counters.endedConnections().increment();
        LOG.info("MSRP connection {} ended: {}; {} messages in, reading paused {} times for slow receivers",
                ctx.channel().remoteAddress(), endCause, messagesIn.get(), pauses.get());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        endCause = "failed: " + cause;
        ctx.close();
    }
}
