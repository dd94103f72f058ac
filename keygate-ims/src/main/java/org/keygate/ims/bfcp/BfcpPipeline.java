package org.keygate.ims.bfcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flow.FlowControlHandler;
import org.keygate.ims.flow.RelayBackPressure;
import org.keygate.ims.flow.RelayCounters;

/** Adds the BFCP floor-server handlers at the end of a pipeline (after TLS, when there is TLS). */
public final class BfcpPipeline {
    /**
     * Bytes a BFCP connection may have queued for writing before the server stops reading from the connections that
     * make it write there. Floor control messages are tens of bytes; this holds some hundreds of them.
     */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024;
    private static final BfcpEncoder ENCODER = new BfcpEncoder();

    private BfcpPipeline() {
    }

    public static void addFloorServer(ChannelPipeline pipeline, FloorControlServer<Channel> server, BfcpLimits limits) {
        addFloorServer(pipeline, server, limits, DEFAULT_MAX_QUEUED_BYTES, RelayCounters.unregistered());
    }

    /** {@code maxQueuedBytes}: this connection's bound on queued outbound bytes ({@link RelayBackPressure#limit}). */
    public static void addFloorServer(ChannelPipeline pipeline, FloorControlServer<Channel> server, BfcpLimits limits,
            int maxQueuedBytes, RelayCounters counters) {
        RelayBackPressure.limit(pipeline.channel(), maxQueuedBytes);
        pipeline.addLast("bfcp-decoder", new BfcpDecoder(limits));
        // A request of some 12 bytes can make the server write an answer of 60 and more: once reading stops, the
        // requests already decoded from the last socket read (thousands) wait here, one passed on per read(), instead
        // of all being answered into a connection that is already full.
        pipeline.addLast("bfcp-flow", new FlowControlHandler());
        pipeline.addLast("bfcp-encoder", ENCODER);
        pipeline.addLast("bfcp-server", new BfcpServerHandler(server, counters));
    }
}
