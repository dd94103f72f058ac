package org.keygate.ims.bfcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/** Adds the BFCP floor-server handlers at the end of a pipeline (after TLS, when there is TLS). */
public final class BfcpPipeline {
    private static final BfcpEncoder ENCODER = new BfcpEncoder();

    private BfcpPipeline() {
    }

    public static void addFloorServer(ChannelPipeline pipeline, FloorControlServer<Channel> server, BfcpLimits limits) {
        pipeline.addLast("bfcp-decoder", new BfcpDecoder(limits));
        pipeline.addLast("bfcp-encoder", ENCODER);
        pipeline.addLast("bfcp-server", new BfcpServerHandler(server));
    }
}
