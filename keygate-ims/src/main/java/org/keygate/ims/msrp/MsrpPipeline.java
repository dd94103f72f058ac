package org.keygate.ims.msrp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/** Adds the MSRP relay handlers at the end of a pipeline (after TLS, when there is TLS). */
public final class MsrpPipeline {
    private static final MsrpEncoder ENCODER = new MsrpEncoder();

    private MsrpPipeline() {
    }

    public static void addRelay(ChannelPipeline pipeline, ChatRelay<Channel> relay, MsrpLimits limits) {
        pipeline.addLast("msrp-decoder", new MsrpDecoder(limits));
        pipeline.addLast("msrp-encoder", ENCODER);
        pipeline.addLast("msrp-relay", new MsrpRelayHandler(relay));
    }
}
