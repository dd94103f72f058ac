package org.keygate.sbi.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.h2.H2Messages;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/2 side of a client connection, on Netty's frame codec: each request is a stream of this one handler (no
 * channel per stream, no HTTP/1 objects), its answer gathered from HEADERS and DATA frames up to a size limit.
 *
 * <p>A request sent while a server handler runs on this thread inherits that handler's {@link SbiCall}: when the
 * caller resets its stream the forwarded stream is reset too (RST_STREAM CANCEL, or nothing sent at all if it was
 * not yet), and the wait is bounded by the caller's remaining time, which the forwarded request carries on in
 * {@code 3gpp-Sbi-Max-Rsp-Time} (TS 29.500 6.11). All state is touched on the connection's event loop only.
 */
final class Http2Calls extends Http2ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(Http2Calls.class);
    private final Duration requestTimeout;
    private final int maxResponseBodyBytes;
    private final H2Settings h2;
    private final Map<Http2FrameStream, Pending> pending = new IdentityHashMap<>();
    private ChannelHandlerContext ctx;
    /** The peer sent GOAWAY, or the pool retired this connection: no new streams; closed once the last one ends. */
    private volatile boolean goingAway;

    private final String clientName;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    Http2Calls(Duration requestTimeout, int maxResponseBodyBytes, H2Settings h2, String clientName,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.requestTimeout = requestTimeout;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        this.h2 = h2;
        this.clientName = clientName;
        this.meters = meters;
    }

    /** One request in flight and what has come back of its answer. */
    private static final class Pending {
        final CompletableFuture<SbiResponse> result = new CompletableFuture<>();
        private final String method;
        private final String path;
        Http2FrameStream stream;
        ScheduledFuture<?> timeout;
        int status = -1;
        SbiHeaders headers;
        ByteBuf body;

        Pending(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** The request, for failure messages (they reach logs): subscriber identities masked (issue 12 item 4). */
        String what() {
            return method + " " + org.keygate.sbi.log.PeerValue.path(path);
        }
    }

    @Override
    protected void handlerAdded0(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            h2.grantConnectionWindow(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        h2.grantConnectionWindow(ctx); // h2c: the handler was added before the connection was
        super.channelActive(ctx);
    }

    /** Sends on the connection's event loop; the call bound to the calling thread, if any, is taken along. */
    CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        SbiCall call = SbiCall.current();
        Pending p = new Pending(request.method(), request.path());
        if (ctx.executor().inEventLoop()) {
            start(p, request, authority, scheme, call);
        } else {
            ctx.executor().execute(() -> start(p, request, authority, scheme, call));
        }
        return p.result;
    }

    private void start(Pending p, SbiRequest request, String authority, String scheme, SbiCall call) {
        if (!ctx.channel().isActive() || goingAway) {
            p.result.completeExceptionally(new UnprocessedRequestException(p.what() + " not sent: the connection is "
                    + (goingAway ? "going away" : "closed")));
            return;
        }
        long waitNanos = requestTimeout.toNanos();
        SbiHeaders fields = request.headers();
        OptionalLong remaining = call == null ? OptionalLong.empty() : call.remainingNanos();
        if (remaining.isPresent()) {
            if (remaining.getAsLong() <= 0) {
                p.result.completeExceptionally(new TimeoutException(p.what() + ": the caller's time ran out before "
                        + "it could be sent"));
                return;
            }
            waitNanos = Math.min(waitNanos, remaining.getAsLong());
            fields = withMaxRspTime(fields, SbiCall.nextHopMillis(waitNanos));
        }
        Http2FrameStream stream = newStream();
        p.stream = stream;
        pending.put(stream, p);
        boolean noBody = request.body().length == 0;
        Http2Headers block = H2Messages.requestBlock(request.method(), request.path(), scheme, authority);
        H2Messages.withFields(block, fields, request.body().length, !noBody || hasBodySemantics(request.method()));
        ctx.write(new DefaultHttp2HeadersFrame(block, noBody).stream(stream)).addListener(f -> {
            if (!f.isSuccess() && pending.remove(p.stream) != null) {
                // Nothing of it reached the wire (e.g. buffered beyond the peer's stream limit when its GOAWAY came):
                // no RST_STREAM for a stream the peer never saw.
                finish(p, new UnprocessedRequestException(p.what() + " could not be sent: " + f.cause().getMessage(),
                        f.cause()));
            }
        });
        if (!noBody) {
            ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(request.body()), true).stream(stream));
        }
        ctx.flush();
        long waited = waitNanos;
        p.timeout = ctx.executor().schedule(() -> cancel(p, new TimeoutException(p.what() + " got no answer within "
                + Duration.ofNanos(waited).toMillis() + " ms")), waitNanos, TimeUnit.NANOSECONDS);
        if (call != null) {
            call.onCancel(() -> ctx.executor().execute(() -> cancel(p, new CancellationException(
                    p.what() + ": the caller went away"))));
        }
    }

    private static boolean hasBodySemantics(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static SbiHeaders withMaxRspTime(SbiHeaders fields, long millis) {
        List<Map.Entry<String, String>> out = new ArrayList<>(fields.entries().size() + 1);
        for (Map.Entry<String, String> e : fields.entries()) {
            if (!e.getKey().equals(SbiCall.MAX_RSP_TIME)) {
                out.add(e);
            }
        }
        out.add(Map.entry(SbiCall.MAX_RSP_TIME, Long.toString(Math.max(1, millis))));
        return new SbiHeaders(out);
    }

    /** Gives up on {@code p}: its stream is reset (RFC 9113 8.7: CANCEL, the answer is no longer needed). */
    private void cancel(Pending p, Exception why) {
        if (pending.remove(p.stream) == null) {
            return;
        }
        if (p.stream.id() > 0 && p.stream.state() != Http2Stream.State.CLOSED) {
            ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.CANCEL).stream(p.stream));
        }
        finish(p, why);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2HeadersFrame h) {
            onHeaders(h);
        } else if (msg instanceof Http2DataFrame d) {
            try {
                onData(d);
            } finally {
                d.release();
            }
        } else if (msg instanceof Http2ResetFrame r) {
            Pending p = pending.remove(r.stream());
            if (p != null) {
                Http2Error code = Http2Error.valueOf(r.errorCode());
                String why = p.what() + ": the server reset the stream (" + (code == null ? r.errorCode() : code) + ")";
                // RFC 9113 8.7: REFUSED_STREAM says the request was not processed at all.
                finish(p, code == Http2Error.REFUSED_STREAM ? new UnprocessedRequestException(why)
                        : new IOException(why + "; it may have been processed"));
            }
        } else if (msg instanceof Http2GoAwayFrame g) {
            log.info("HTTP/2 connection {}: the server sent GOAWAY ({}, last stream {}); {} request(s) still open, "
                    + "later ones go on a new connection", ctx.channel().id().asShortText(),
                    Http2Error.valueOf(g.errorCode()) == null ? g.errorCode() : Http2Error.valueOf(g.errorCode()),
                    g.lastStreamId(), pending.size());
            goingAway = true;
            closeIfDone();
            g.release();
        } else {
            ctx.fireChannelRead(msg); // SETTINGS, for the connection's readiness; the rest is released there
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        Pending p = pending.get(frame.stream());
        if (p == null) {
            return;
        }
        if (p.status < 0) {
            CharSequence status = frame.headers().status();
            int code = status == null ? -1 : parseStatus(status);
            if (code >= 100 && code < 200) {
                return; // RFC 9110 15.2: an interim answer, the final one follows
            }
            if (code < 200 || code > 599) {
                cancel(p, new IOException(p.what() + ": the answer has no valid :status"));
                return;
            }
            p.status = code;
            p.headers = H2Messages.fields(frame.headers());
        }
        if (frame.isEndStream()) {
            complete(p);
        }
    }

    private void onData(Http2DataFrame frame) {
        if (frame.initialFlowControlledBytes() > 0) {
            ctx.write(new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes()).stream(frame.stream()));
        }
        Pending p = pending.get(frame.stream());
        if (p == null || p.status < 0) {
            return;
        }
        ByteBuf data = frame.content();
        int size = data.readableBytes();
        int had = p.body == null ? 0 : p.body.readableBytes();
        if ((long) had + size > maxResponseBodyBytes) {
            cancel(p, new IOException(p.what() + ": the answer exceeds " + maxResponseBodyBytes + " octets"));
            return;
        }
        if (size > 0) {
            if (p.body == null) {
                p.body = ctx.alloc().heapBuffer(size);
            }
            p.body.writeBytes(data);
        }
        if (frame.isEndStream()) {
            complete(p);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush(); // the window updates written while reading
        ctx.fireChannelReadComplete();
    }

    private void complete(Pending p) {
        pending.remove(p.stream);
        byte[] body = p.body == null ? new byte[0] : ByteBufUtil.getBytes(p.body);
        release(p);
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        p.result.complete(new SbiResponse(p.status, p.headers, body));
        closeIfDone();
    }

    private void finish(Pending p, Exception why) {
        release(p);
        if (p.timeout != null) {
            p.timeout.cancel(false);
        }
        p.result.completeExceptionally(why);
        closeIfDone();
    }

    /**
     * Why {@code p} got no answer: unprocessed if its stream is above the last-stream-id of the server's GOAWAY
     * (RFC 9113 6.8) or never got to the wire; otherwise the server may have processed it.
     */
    private IOException unanswered(Pending p, String what) {
        Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
        var connection = codec == null ? null : codec.connection();
        int id = p.stream == null ? -1 : p.stream.id();
        boolean neverSent = id <= 0 || p.stream.state() == Http2Stream.State.IDLE; // e.g. buffered by the codec
        if (neverSent || (connection != null && connection.goAwayReceived()
                && id > connection.local().lastStreamKnownByPeer())) {
            return new UnprocessedRequestException(p.what() + ": " + what + (neverSent ? " (never sent)"
                    : " (above the last stream the server's GOAWAY processes)"));
        }
        return new IOException(p.what() + ": " + what + "; it may have been processed");
    }

    /** Whether new requests may go on this connection. */
    boolean acceptsNewStreams() {
        return !goingAway && ctx != null && ctx.channel().isActive();
    }

    /** No new requests on this connection; it closes once those in flight end (RFC 9113 6.8's graceful end). */
    void retire() {
        goingAway = true;
        ctx.executor().execute(this::closeIfDone);
    }

    private void closeIfDone() {
        if (goingAway && pending.isEmpty() && ctx.channel().isActive()) {
            ctx.close();
        }
    }

    private static void release(Pending p) {
        if (p.body != null) {
            p.body.release();
            p.body = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof Http2FrameStreamEvent e && e.type() == Http2FrameStreamEvent.Type.State
                && e.stream().state() == Http2Stream.State.CLOSED) {
            Pending p = pending.remove(e.stream());
            if (p != null) {
                finish(p, unanswered(p, "the stream closed before a complete answer"));
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof Http2FrameStreamException e) {
            Pending p = pending.remove(e.stream());
            if (p != null) {
                finish(p, new IOException(p.what() + ": " + e.getMessage(), e));
            }
            return;
        }
        // The connection broke, most often a peer's reset (issue 19: Open5GS drops its N32-f connections under load):
        // normal network life, so one line without a stack trace, counted, and the connection closed; passed on, it
        // reached the pipeline's tail, which logs a full stack trace per connection. The open requests fail as the
        // channel goes inactive.
        boolean reset = cause instanceof IOException;
        meters.counter("keygate_sbi_client_connection_errors_total", "client", clientName, "cause",
                reset ? "reset" : "error").increment();
        log.info("HTTP/2 connection {} of {} to {}: {} ({} request(s) open): {}", ctx.channel().id().asShortText(),
                clientName, ctx.channel().remoteAddress(), reset ? "reset by the peer" : "failed", pending.size(),
                org.keygate.sbi.alpn.JdkAlpnHandler.rootMessage(cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        List<Pending> left = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : left) {
            finish(p, unanswered(p, "the connection closed before a complete answer"));
        }
        super.channelInactive(ctx);
    }

    private static int parseStatus(CharSequence s) {
        if (s.length() != 3) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
