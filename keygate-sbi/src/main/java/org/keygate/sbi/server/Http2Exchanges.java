package org.keygate.sbi.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.h2.H2Connection;
import org.keygate.sbi.h2.H2Messages;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * The HTTP/2 side of a server connection: Netty's connection handler with the streams read straight from its decoder
 * (no channel, frame object or HTTP/1 object per stream). A request is gathered from its HEADERS and DATA frames
 * (bodies over the limit get 413 as soon as that is known, the rest dropped), handed to the {@link HandlerInvoker},
 * and answered with one HEADERS and at most one DATA frame.
 *
 * <p>Against HTTP/2 Rapid Reset (CVE-2023-44487): complete requests are handed on only at the end of the read that
 * brought them, so a request whose RST_STREAM came in the same read never reaches the handler; a request whose stream
 * closes later (reset by the client, or by this side for the client's protocol error) has its {@link SbiCall}
 * cancelled, which resets what it was forwarded as; Netty's handler closes a connection that resets more than 200
 * streams in 30 s, and the listener's in-flight bound answers 503 beyond it.
 */
final class Http2Exchanges extends H2Connection {
    /** The user event that starts a drain: a GOAWAY, new streams refused, the accepted ones answered. */
    static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final SbiServerConfig config;
    private final HandlerInvoker invoker;
    /** Marks an answer written (or failed with its connection) for the invoker's in-flight count; one per connection. */
    private final ChannelFutureListener answered;
    private final NettySbiConnection sbiConnection;
    /** Streams whose request is being read or handled, by stream ID. */
    private final IntObjectMap<Exchange> open = new IntObjectHashMap<>();
    /** Requests complete in the current read, handed on at its end. */
    private final List<Exchange> complete = new ArrayList<>();
    private boolean established;

    Http2Exchanges(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
            SbiServerConfig config, HandlerInvoker invoker, NettySbiConnection sbiConnection) {
        super(decoder, encoder, settings, config.h2());
        this.config = config;
        this.invoker = invoker;
        this.answered = f -> invoker.answered();
        this.sbiConnection = sbiConnection;
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                onClosed(stream.id()); // reset by either side, or answered and ended
            }
        });
    }

    /** One stream's request as it arrives, then the call it became. */
    private static final class Exchange {
        final int streamId;
        final Http2Headers headers;
        /** The body when it came in one DATA frame (the usual case: one copy only), else gathered in {@link #body}. */
        byte[] whole;
        ByteBuf body;
        int bodyBytes;
        boolean reset;
        SbiCall call;

        Exchange(int streamId, Http2Headers headers) {
            this.streamId = streamId;
            this.headers = headers;
        }
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
        if (!established) {
            established = true; // the preface and the client's SETTINGS: the connection is up
            EstablishDeadline.met(ctx.pipeline());
        }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
            boolean endOfStream) {
        Exchange x = open.get(streamId);
        if (x != null) { // trailers: nothing in them is used, they only end the request
            if (endOfStream) {
                complete.add(x);
            }
            return;
        }
        Http2Stream stream = connection().stream(streamId);
        if (stream == null || stream.state() == Http2Stream.State.HALF_CLOSED_LOCAL) {
            return; // trailers of a request already answered (413): nothing left to do with them
        }
        x = new Exchange(streamId, headers);
        open.put(streamId, x);
        Long declared = contentLength(headers);
        if (declared != null && declared > config.maxRequestBodyBytes()) {
            refuseTooLarge(x);
        } else if (endOfStream) {
            complete.add(x);
        }
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int processed = data.readableBytes() + padding; // credited back at once: the body limit bounds what is kept
        Exchange x = open.get(streamId);
        if (x == null || x.call != null) {
            return processed;
        }
        int size = data.readableBytes();
        if ((long) x.bodyBytes + size > config.maxRequestBodyBytes()) {
            refuseTooLarge(x);
            return processed;
        }
        if (size > 0 && x.body == null && x.bodyBytes == 0 && endOfStream) {
            x.whole = ByteBufUtil.getBytes(data);
            x.bodyBytes = size;
        } else if (size > 0) {
            if (x.body == null) {
                x.body = ctx.alloc().heapBuffer(Math.max(size, 256));
            }
            x.body.writeBytes(data);
            x.bodyBytes += size;
        }
        if (endOfStream) {
            complete.add(x);
        }
        return processed;
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
        // Nothing here: Netty closes the stream right after this call, and onStreamClosed drops the request then, in
        // the same read (Rapid Reset), as for every other way a stream ends.
    }

    private void onClosed(int streamId) {
        Exchange x = open.remove(streamId);
        if (x == null) {
            return;
        }
        x.reset = true;
        release(x);
        if (x.call != null) {
            x.call.cancel();
        }
    }

    @Override
    protected void readComplete() {
        if (!complete.isEmpty()) {
            List<Exchange> batch = new ArrayList<>(complete);
            complete.clear();
            for (Exchange x : batch) {
                if (!x.reset) {
                    dispatch(x);
                }
            }
        }
    }

    private void dispatch(Exchange x) {
        byte[] body = x.whole != null ? x.whole : x.body == null ? new byte[0] : ByteBufUtil.getBytes(x.body);
        x.whole = null;
        release(x);
        CharSequence method = x.headers.method();
        CharSequence path = x.headers.path();
        if (method == null || path == null) {
            answer(x, SbiResponse.problem(SbiCause.INVALID_MSG_FORMAT.problem(":method and :path are required")), "?");
            return;
        }
        String m = method.toString();
        SbiRequest request = new SbiRequest(m, path.toString(), H2Messages.fields(x.headers), body);
        x.call = SbiCall.forMaxRspTime(x.headers.get(SbiCall.MAX_RSP_TIME));
        ChannelHandlerContext ctx = ctx();
        invoker.invoke(request, sbiConnection, x.call).thenAccept(rsp -> {
            if (ctx.executor().inEventLoop()) {
                answer(x, rsp, m);
            } else {
                try {
                    ctx.executor().execute(() -> answer(x, rsp, m));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    invoker.answered(); // the loop has shut down: the connection is gone, nobody to answer
                }
            }
        });
    }

    private void refuseTooLarge(Exchange x) {
        open.remove(x.streamId); // answered now; its remaining DATA is only credited back (onDataRead)
        release(x);
        write(x, SbiResponse.problem(SbiCause.PAYLOAD_TOO_LARGE.problem(
                "the request body exceeds " + config.maxRequestBodyBytes() + " octets")));
        flushSoon();
    }

    private void answer(Exchange x, SbiResponse rsp, String method) {
        invoker.count(method, rsp.status());
        if (x.reset || open.remove(x.streamId) == null) {
            invoker.answered();
            return; // the client reset the stream or the connection closed: nobody to answer
        }
        ChannelFuture last = write(x, rsp);
        if (last == null) {
            invoker.answered();
        } else {
            last.addListener(answered); // written to the socket, or failed with the connection
        }
        flushSoon();
    }

    /** The answer's last frame's future; null when the stream is closed and nothing was written. */
    private ChannelFuture write(Exchange x, SbiResponse rsp) {
        if (connection().stream(x.streamId) == null) {
            return null;
        }
        ChannelHandlerContext ctx = ctx();
        boolean noBody = rsp.body().length == 0;
        Http2Headers block = H2Messages.responseBlock(rsp.status());
        H2Messages.withFields(block, rsp.headers(), rsp.body().length, rsp.status() != 204 && rsp.status() != 304);
        ChannelFuture headers = encoder().writeHeaders(ctx, x.streamId, block, 0, noBody, ctx.newPromise());
        if (noBody) {
            return headers;
        }
        return encoder().writeData(ctx, x.streamId, Unpooled.wrappedBuffer(rsp.body()), 0, true, ctx.newPromise());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == DRAIN) {
            // RFC 9113 6.8: NO_ERROR and the last stream this side took; streams up to it are still answered.
            goAway(ctx, connection().remote().lastStreamCreated(), Http2Error.NO_ERROR.code(), Unpooled.EMPTY_BUFFER,
                    ctx.newPromise());
            flush(ctx);
            return;
        }
        if (evt instanceof HttpServerUpgradeHandler.UpgradeEvent upgrade) {
            upgraded(ctx, upgrade.upgradeRequest());
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * RFC 7540 3.2 (h2c by Upgrade): the HTTP/1.1 request that asked for the upgrade is stream 1's, half closed from
     * the client; it is read as if it had come in frames.
     */
    private void upgraded(ChannelHandlerContext ctx, FullHttpRequest request) {
        request.headers().set(HttpConversionUtil.ExtensionHeaderNames.SCHEME.text(), "http");
        Http2Headers headers = HttpConversionUtil.toHttp2Headers(request, true);
        boolean hasBody = request.content().isReadable();
        int id = Http2CodecUtil.HTTP_UPGRADE_STREAM_ID;
        onHeadersRead(ctx, id, headers, 0, !hasBody);
        if (hasBody) {
            onDataRead(ctx, id, request.content(), 0, true);
        }
        readComplete(); // no read follows to hand it on
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        List<Exchange> left = new ArrayList<>(open.values());
        open.clear();
        for (Exchange x : left) {
            x.reset = true;
            release(x);
            if (x.call != null) {
                x.call.cancel();
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void connectionFailed(ChannelHandlerContext ctx, Throwable cause) {
        org.slf4j.LoggerFactory.getLogger(Http2Exchanges.class).info("{}: connection {} from {} closed after an "
                + "error: {}", config.name(), sbiConnection.id(), sbiConnection.remoteAddress(),
                org.keygate.sbi.alpn.JdkAlpnHandler.rootMessage(cause));
        config.meters().counter("keygate_sbi_connection_errors_total", "server", config.name(), "cause",
                cause instanceof java.io.IOException ? "reset" : "error").increment();
    }

    private static void release(Exchange x) {
        if (x.body != null) {
            x.body.release();
            x.body = null;
        }
    }

    private static Long contentLength(Http2Headers headers) {
        CharSequence v = headers.get("content-length");
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.toString().strip());
        } catch (NumberFormatException e) {
            return null; // the decoder's own content-length check refuses a malformed one
        }
    }
}
