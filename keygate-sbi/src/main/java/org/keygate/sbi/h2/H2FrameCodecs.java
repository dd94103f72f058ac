package org.keygate.sbi.h2;

import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * Netty's HTTP/2 frame codec as keygate's servers and clients build it: Netty's own builder, except that the
 * connection's outbound flow control shares the window among the streams with data in turn
 * ({@link UniformStreamByteDistributor}) instead of by the stream priorities of RFC 7540 5.3 (Netty's default, a
 * weighted fair queue kept per stream). RFC 9113 5.3 deprecates that priority scheme, no keygate endpoint sends
 * PRIORITY, and SBI messages are small: the weighted queue's bookkeeping per stream and per frame was CPU spent for
 * nothing on every forwarded request (docs/PERFORMANCE.md, seventh round).
 */
public final class H2FrameCodecs extends Http2FrameCodecBuilder {
    private final boolean server;

    private H2FrameCodecs(boolean server) {
        this.server = server;
        gracefulShutdownTimeoutMillis(0); // as Netty's forServer() and forClient(): close without waiting
        DefaultHttp2Connection connection = new DefaultHttp2Connection(server, maxReservedStreams());
        connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection,
                new UniformStreamByteDistributor(connection)));
        connection(connection);
    }

    /** A server's codec builder. */
    public static Http2FrameCodecBuilder forServer() {
        return new H2FrameCodecs(true);
    }

    /** A client's codec builder. */
    public static Http2FrameCodecBuilder forClient() {
        return new H2FrameCodecs(false);
    }

    /** The connection given to Netty's builder decides the role; this answers for the builder's own uses of it. */
    @Override
    public boolean isServer() {
        return server;
    }
}
