package org.keygate.ims.msrp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import org.keygate.ims.flow.GatheredWrites;
import org.keygate.ims.flow.RelayBackPressure;
import org.keygate.ims.flow.RelayCounters;

/**
 * Adds the MSRP relay handlers at the end of a pipeline (after TLS, when there is TLS): writes gathered per flush
 * ({@link GatheredWrites}), the decoder, the encoder, the relay.
 */
public final class MsrpPipeline {
    /**
     * Bytes an MSRP connection may have queued for writing before the relay stops reading from its senders: eight
     * 32 KiB chunks. Not yet set by measurement (issue 20 item 5); what matters is that it bounds memory per stream
     * while keeping a receiver's socket busy.
     */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 256 * 1024;
    private static final MsrpEncoder ENCODER = new MsrpEncoder();

    private MsrpPipeline() {
    }

    public static void addRelay(ChannelPipeline pipeline, ChatRelay<Channel> relay, MsrpLimits limits) {
        addRelay(pipeline, relay, limits, DEFAULT_MAX_QUEUED_BYTES, RelayCounters.unregistered());
    }

    /** {@code maxQueuedBytes}: this connection's bound on queued outbound bytes ({@link RelayBackPressure#limit}). */
    public static void addRelay(ChannelPipeline pipeline, ChatRelay<Channel> relay, MsrpLimits limits,
            int maxQueuedBytes, RelayCounters counters) {
        RelayBackPressure.limit(pipeline.channel(), maxQueuedBytes);
        pipeline.channel().config().setMessageSizeEstimator(MsrpSizeEstimator.INSTANCE);
        pipeline.addLast("msrp-gathered-writes", new GatheredWrites());
        pipeline.addLast("msrp-decoder", new MsrpDecoder(limits));
        pipeline.addLast("msrp-encoder", ENCODER);
        pipeline.addLast("msrp-relay", new MsrpRelayHandler(relay, counters));
    }
}
