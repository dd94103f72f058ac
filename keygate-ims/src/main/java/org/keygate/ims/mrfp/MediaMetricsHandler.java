package org.keygate.ims.mrfp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.msrp.MsrpRequest;

/**
 * Counts, between decoder and protocol handler, the MSRP SEND chunks the relay receives and the BFCP FloorRequests
 * the floor server receives; passes everything on unchanged.
 */
@ChannelHandler.Sharable
final class MediaMetricsHandler extends ChannelInboundHandlerAdapter {
    private final Counter msrpSends;
    private final Counter floorRequests;

    MediaMetricsHandler(Counter msrpSends, Counter floorRequests) {
        this.msrpSends = msrpSends;
        this.floorRequests = floorRequests;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MsrpRequest r && r.method().equals("SEND")) {
            msrpSends.increment();
        } else if (msg instanceof BfcpMessage m && m.primitive().orElse(null) == BfcpPrimitive.FLOOR_REQUEST) {
            floorRequests.increment();
        }
        ctx.fireChannelRead(msg);
    }
}
