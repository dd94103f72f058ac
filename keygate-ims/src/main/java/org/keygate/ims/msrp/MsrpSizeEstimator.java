package org.keygate.ims.msrp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.MessageSizeEstimator;

/**
 * How many bytes a decoded MSRP message will take once encoded: Netty counts a write handed over from another
 * connection's event loop by this estimate until it runs, so a relay's receiver stops being writable as soon as the
 * forwarded chunks pass its bound, not only once they are encoded on its own thread (Netty's default estimate for an
 * object that is not a buffer is 8 bytes). Header lines are estimated, not encoded twice.
 */
final class MsrpSizeEstimator implements MessageSizeEstimator {
    static final MsrpSizeEstimator INSTANCE = new MsrpSizeEstimator();
    /** Start line, paths, Message-ID, Byte-Range, Content-Type, end line: about this much for a relayed chunk. */
    private static final int HEADER_ESTIMATE = 256;
    private final Handle handle = msg -> switch (msg) {
        case MsrpRequest r -> HEADER_ESTIMATE + r.bodyLength();
        case MsrpResponse r -> HEADER_ESTIMATE;
        case ByteBuf b -> b.readableBytes();
        default -> 8;
    };

    private MsrpSizeEstimator() {
    }

    @Override
    public Handle newHandle() {
        return handle;
    }
}
