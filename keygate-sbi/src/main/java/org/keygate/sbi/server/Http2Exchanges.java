package org.keygate.sbi.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;
import java.util.List;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.h2.H2Messages;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * The HTTP/2 side of a server connection, on Netty's frame codec: one handler per connection, no channel per
 * stream and no HTTP/1 objects. A request is gathered from its HEADERS and DATA frames (bodies over the limit get 413
 * as soon as that is known, the rest dropped), handed to the {@link HandlerInvoker}, and answered with one HEADERS and
 * at most one DATA frame.
 *
 * <p>Against HTTP/2 Rapid Reset (CVE-2023-44487): complete requests are handed on only at the end of the read that
 * brought them, so a request whose RST_STREAM came in the same read never reaches the handler; a request reset later
 * has its {@link SbiCall} cancelled, which resets what it was forwarded as; the codec closes a connection that resets
 * more than 200 streams in 30 s (Netty's limit), and the listener's in-flight bound answers 503 beyond it.
 */
final class Http2Exchanges extends ChannelInboundHandlerAdapter {
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
    private final NettySbiConnection connection;
    /** Streams whose request is being read or handled, by stream ID. */
    private final IntObjectMap<Exchange> open = new IntObjectHashMap<>();
    /** Requests complete in the current read, handed on at its end. */
    private final List<Exchange> complete = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private boolean reading;

    Http2Exchanges(SbiServerConfig config, HandlerInvoker invoker, NettySbiConnection connection) {
        this.config = config;
        this.invoker = invoker;
        this.answered = f -> invoker.answered();
        this.connection = connection;
    }

    /** One stream's request as it arrives, then the call it became. */
    private static final class Exchange {
        final Http2FrameStream stream;
        final Http2Headers headers;
        /** The body when it came in one DATA frame (the usual case: one copy only), else gathered in {@link #body}. */
        byte[] whole;
        ByteBuf body;
        int bodyBytes;
        boolean reset;
        SbiCall call;

        Exchange(Http2FrameStream stream, Http2Headers headers) {
            this.stream = stream;
            this.headers = headers;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            config.h2().grantConnectionWindow(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        config.h2().grantConnectionWindow(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        if (msg instanceof Http2HeadersFrame h) {
            onHeaders(h);
        } else if (msg instanceof Http2DataFrame d) {
            try {
                onData(d);
            } finally {
                d.release();
            }
        } else if (msg instanceof Http2ResetFrame r) {
            onReset(r.stream().id());
        } else {
            ReferenceCountUtil.release(msg); // SETTINGS, PING, GOAWAY...: the codec has acted on them
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        int id = frame.stream().id();
        Exchange x = open.get(id);
        if (x != null) { // trailers: nothing in them is used, they only end the request
            if (frame.isEndStream()) {
                complete.add(x);
            }
            return;
        }
        Http2Stream.State state = frame.stream().state();
        if (state == Http2Stream.State.HALF_CLOSED_LOCAL || state == Http2Stream.State.CLOSED) {
            return; // trailers of a request already answered (413): nothing left to do with them
        }
        x = new Exchange(frame.stream(), frame.headers());
        open.put(id, x);
        Long declared = contentLength(frame.headers());
        if (declared != null && declared > config.maxRequestBodyBytes()) {
            refuseTooLarge(x);
        } else if (frame.isEndStream()) {
            complete.add(x);
        }
    }

    private void onData(Http2DataFrame frame) {
        if (frame.initialFlowControlledBytes() > 0) {
            ctx.write(new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes()).stream(frame.stream()));
        }
        Exchange x = open.get(frame.stream().id());
        if (x == null || x.call != null) {
            return;
        }
        ByteBuf data = frame.content();
        int size = data.readableBytes();
        if ((long) x.bodyBytes + size > config.maxRequestBodyBytes()) {
            refuseTooLarge(x);
            return;
        }
        if (size > 0 && x.body == null && x.bodyBytes == 0 && frame.isEndStream()) {
            x.whole = ByteBufUtil.getBytes(data);
            x.bodyBytes = size;
        } else if (size > 0) {
            if (x.body == null) {
                x.body = ctx.alloc().heapBuffer(Math.max(size, 256));
            }
            x.body.writeBytes(data);
            x.bodyBytes += size;
        }
        if (frame.isEndStream()) {
            complete.add(x);
        }
    }

    private void onReset(int id) {
        Exchange x = open.remove(id);
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
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (!complete.isEmpty()) {
            List<Exchange> batch = new ArrayList<>(complete);
            complete.clear();
            for (Exchange x : batch) {
                if (!x.reset) {
                    dispatch(x);
                }
            }
        }
        ctx.flush();
        ctx.fireChannelReadComplete();
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
        invoker.invoke(request, connection, x.call).thenAccept(rsp -> {
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
        open.remove(x.stream.id()); // answered now; its remaining DATA is only credited back (onData)
        release(x);
        write(x, SbiResponse.problem(SbiCause.PAYLOAD_TOO_LARGE.problem(
                "the request body exceeds " + config.maxRequestBodyBytes() + " octets")));
        ctx.flush();
    }

    private void answer(Exchange x, SbiResponse rsp, String method) {
        invoker.count(method, rsp.status());
        if (x.reset || open.remove(x.stream.id()) == null) {
            invoker.answered();
            return; // the client reset the stream or the connection closed: nobody to answer
        }
        ChannelFuture last = write(x, rsp);
        if (last == null) {
            invoker.answered();
        } else {
            last.addListener(answered); // written to the socket, or failed with the connection
        }
        if (!reading) {
            ctx.flush();
        }
    }

    /** The answer's last frame's future; null when the stream is closed and nothing was written. */
    private ChannelFuture write(Exchange x, SbiResponse rsp) {
        if (x.stream.state() == Http2Stream.State.CLOSED) {
            return null;
        }
        boolean noBody = rsp.body().length == 0;
        Http2Headers block = H2Messages.responseBlock(rsp.status());
        H2Messages.withFields(block, rsp.headers(), rsp.body().length, rsp.status() != 204 && rsp.status() != 304);
        ChannelFuture headers = ctx.write(new DefaultHttp2HeadersFrame(block, noBody).stream(x.stream));
        if (noBody) {
            return headers;
        }
        return ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(rsp.body()), true).stream(x.stream));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == DRAIN) {
            // RFC 9113 6.8: NO_ERROR and the last stream this side took; streams up to it are still answered.
            ctx.writeAndFlush(new io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame(
                    io.netty.handler.codec.http2.Http2Error.NO_ERROR));
            return;
        }
        super.userEventTriggered(ctx, evt);
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
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof io.netty.handler.codec.http2.Http2FrameStreamException) {
            return; // one stream's error: the codec has reset that stream, the others go on
        }
        org.slf4j.LoggerFactory.getLogger(Http2Exchanges.class).info("{}: connection {} from {} closed after an "
                + "error: {}", config.name(), connection.id(), connection.remoteAddress(),
                org.keygate.sbi.alpn.JdkAlpnHandler.rootMessage(cause));
        config.meters().counter("keygate_sbi_connection_errors_total", "server", config.name(), "cause",
                cause instanceof java.io.IOException ? "reset" : "error").increment();
        ctx.close();
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
            return null; // the codec's own content-length check refuses a malformed one
        }
    }
}
