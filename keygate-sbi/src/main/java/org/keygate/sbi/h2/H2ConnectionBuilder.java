package org.keygate.sbi.h2;

import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;

/**
 * Builds an {@link H2Connection} with Netty's own builder (frame reader and writer, HPACK limits, the Rapid Reset
 * bound of 200 RST_STREAM frames in 30 s on servers), except that the connection's outbound flow control shares the
 * window among the streams with data in turn ({@link UniformStreamByteDistributor}) instead of by the stream
 * priorities of RFC 7540 5.3 (Netty's default, a weighted fair queue kept per stream): RFC 9113 5.3 deprecates that
 * scheme, no keygate endpoint sends PRIORITY, and SBI messages are small (docs/PERFORMANCE.md, seventh round).
 *
 * @param <T> the connection's class
 */
public final class H2ConnectionBuilder<T extends H2Connection>
        extends AbstractHttp2ConnectionHandlerBuilder<T, H2ConnectionBuilder<T>> {
    /** Makes the connection from the parts Netty's builder assembled. */
    @FunctionalInterface
    public interface Factory<T> {
        T create(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings);
    }

    private final boolean server;
    private final Factory<T> factory;

    private H2ConnectionBuilder(boolean server, Factory<T> factory) {
        this.server = server;
        this.factory = factory;
        gracefulShutdownTimeoutMillis(0); // close without waiting, as Netty's frame codec builders do
        DefaultHttp2Connection connection = new DefaultHttp2Connection(server, maxReservedStreams());
        connection.remote().flowController(new DefaultHttp2RemoteFlowController(connection,
                new UniformStreamByteDistributor(connection)));
        connection(connection);
    }

    /** A server connection's builder. */
    public static <T extends H2Connection> H2ConnectionBuilder<T> forServer(Factory<T> factory) {
        return new H2ConnectionBuilder<>(true, factory);
    }

    /**
     * A client connection's builder. Streams beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS wait for a free slot
     * instead of failing (RFC 9113 5.1.2: opening one more is a protocol error): a SEPP multiplexes many NF requests
     * on one connection.
     */
    public static <T extends H2Connection> H2ConnectionBuilder<T> forClient(Factory<T> factory) {
        return new H2ConnectionBuilder<T>(false, factory).encoderEnforceMaxConcurrentStreams(true);
    }

    /** The connection given to Netty's builder decides the role; this answers for the builder's own uses of it. */
    @Override
    protected boolean isServer() {
        return server;
    }

    @Override
    public H2ConnectionBuilder<T> initialSettings(Http2Settings settings) {
        return super.initialSettings(settings);
    }

    @Override
    public T build() {
        return super.build();
    }

    @Override
    protected T build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
        return factory.create(decoder, encoder, settings);
    }
}
