package org.keygate.sbi.h2;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * An HTTP/2 connection as keygate's servers and clients run it: Netty's connection handler (frames, HPACK, flow
 * control, stream states, the protocol's errors), with the connection's own streams handled by the subclass as the
 * decoder reads them ({@link Http2FrameListener}). No frame or frame-stream object beyond what the connection
 * handler keeps itself: Netty's frame codec made those per stream and per frame and sent each through the pipeline
 * (without them an exchange allocates 6.7 KB instead of 7.5 KB and takes 9.5 instead of 11.0 µs in
 * Http2ExchangeBenchmark; issue 10, docs/PERFORMANCE.md tenth round).
 *
 * <p>Three things every keygate connection does alike live here:
 * <ul>
 * <li>The connection window of {@link H2Settings} granted right after the preface (RFC 9113 6.9.2).</li>
 * <li>Flushes gathered: a forwarding node writes on one connection while it reads another, so flushing each message
 * at once would cost a write system call and a TLS record per message. {@link #flushSoon()} flushes at the end of the
 * current read, or else once the event loop's current pass is done; after {@value #MAX_GATHERED} gathered flushes at
 * once, so that a long pass still sends what it made.</li>
 * <li>A broken connection reported once by the subclass ({@link #connectionFailed}): a connection error of the
 * protocol (answered with GOAWAY by Netty) or an I/O failure.</li>
 * </ul>
 * Frames keygate does not act on (PRIORITY, which RFC 9113 5.3 deprecates; PUSH_PROMISE, refused by SETTINGS;
 * unknown types, RFC 9113 5.5) are ignored here; Netty's handler acknowledges SETTINGS and PINGs itself.
 */
public abstract class H2Connection extends Http2ConnectionHandler implements Http2FrameListener {
    static final int MAX_GATHERED = 256;

    private final H2Settings windows;
    private final Runnable flushTask = this::gatheredFlush;
    private ChannelHandlerContext ctx;
    private boolean windowGranted;
    private boolean reading;
    private boolean flushScheduled;
    private int gathered;

    protected H2Connection(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
            H2Settings windows) {
        super(decoder, encoder, settings);
        this.windows = windows;
        decoder.frameListener(this);
    }

    /** This connection's context (set once the handler is in a pipeline). */
    protected final ChannelHandlerContext ctx() {
        return ctx;
    }

    /** Whether the event loop is inside a read of this connection (flushes then wait for its end). */
    protected final boolean reading() {
        return reading;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx); // sends the preface if the channel is active already (after TLS and ALPN)
        if (ctx.channel().isActive()) {
            grantConnectionWindow();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        super.channelActive(ctx); // sends the preface (h2c: the handler was added before the connection was up)
        grantConnectionWindow();
    }

    private void grantConnectionWindow() throws Http2Exception {
        if (!windowGranted && windows.connectionWindowIncrement() > 0) {
            windowGranted = true;
            connection().local().flowController().incrementWindowSize(connection().connectionStream(),
                    windows.connectionWindowIncrement());
            flush(ctx);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        reading = false;
        gathered = 0;
        readComplete();
        super.channelReadComplete(ctx); // flushes what the read and readComplete() wrote
    }

    /** Called at the end of each read, before its flush: where requests complete in the read are handed on. */
    protected void readComplete() {}

    /** Flushes what was written, at the end of the current read or else of the event loop's current pass. */
    protected final void flushSoon() {
        if (reading) {
            return; // channelReadComplete flushes
        }
        if (++gathered >= MAX_GATHERED) {
            gatheredFlush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            try {
                ctx.executor().execute(flushTask);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                flushScheduled = false; // the loop is shutting down and closes the connection: nothing to send
            }
        }
    }

    private void gatheredFlush() {
        flushScheduled = false;
        gathered = 0;
        flush(ctx);
    }

    /** The connection broke (a protocol error of the peer's, or I/O): reported once; the connection then closes. */
    protected abstract void connectionFailed(ChannelHandlerContext ctx, Throwable cause);

    @Override
    protected void onConnectionError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
            Http2Exception http2Ex) {
        if (!outbound) {
            connectionFailed(ctx, cause); // an outbound one fails the write's promise, which its writer sees
        }
        super.onConnectionError(ctx, outbound, cause, http2Ex); // GOAWAY with the error, then close
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) != null) {
            super.exceptionCaught(ctx, cause); // the protocol's: a stream reset or a connection error (above)
            return;
        }
        // Not the protocol's: I/O (most often a peer's reset) or a bug; without this the pipeline's tail would log a
        // full stack trace per connection.
        connectionFailed(ctx, cause);
        ctx.close();
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
            short weight, boolean exclusive, int padding, boolean endOfStream) throws Http2Exception {
        onHeadersRead(ctx, streamId, headers, padding, endOfStream); // RFC 9113 5.3: priorities ignored
    }

    @Override
    public void onPriorityRead(ChannelHandlerContext ctx, int streamId, int streamDependency, short weight,
            boolean exclusive) {}

    @Override
    public void onSettingsAckRead(ChannelHandlerContext ctx) {}

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {}

    @Override
    public void onPingRead(ChannelHandlerContext ctx, long data) {}

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) {}

    @Override
    public void onPushPromiseRead(ChannelHandlerContext ctx, int streamId, int promisedStreamId, Http2Headers headers,
            int padding) {}

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {}

    @Override
    public void onWindowUpdateRead(ChannelHandlerContext ctx, int streamId, int windowSizeIncrement) {}

    @Override
    public void onUnknownFrame(ChannelHandlerContext ctx, byte frameType, int streamId,
            io.netty.handler.codec.http2.Http2Flags flags, ByteBuf payload) {}
}
