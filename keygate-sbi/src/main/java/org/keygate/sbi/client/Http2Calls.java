package org.keygate.sbi.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.h2.H2Connection;
import org.keygate.sbi.h2.H2Messages;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/2 side of a client connection: Netty's connection handler with each request a stream of it (no channel,
 * frame object or HTTP/1 object per stream), its answer gathered from HEADERS and DATA frames up to a size limit.
 * The connection is ready for requests once the server's first SETTINGS came ({@link #settingsReceived()}: until
 * then its stream limit is unknown, and a burst could exceed it, RFC 9113 6.5.3, 5.1.2); PINGs and their
 * acknowledgements go through {@link H2Pings}.
 *
 * <p>A request sent while a server handler runs on this thread inherits that handler's {@link SbiCall}: when the
 * caller resets its stream the forwarded stream is reset too (RST_STREAM CANCEL, or nothing sent at all if it was
 * not yet), and the wait is bounded by the caller's remaining time, which the forwarded request carries on in
 * {@code 3gpp-Sbi-Max-Rsp-Time} (TS 29.500 6.11). All state is touched on the connection's event loop only.
 */
final class Http2Calls extends H2Connection {
    private static final Logger log = LoggerFactory.getLogger(Http2Calls.class);
    private final Duration requestTimeout;
    private final int maxResponseBodyBytes;
    private final IntObjectMap<Pending> pending = new IntObjectHashMap<>();
    private final CompletableFuture<Void> settingsReceived = new CompletableFuture<>();
    private final H2Pings pings = new H2Pings(this);
    /** The peer sent GOAWAY, or the pool retired this connection: no new streams; closed once the last one ends. */
    private volatile boolean goingAway;

    private final String clientName;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    Http2Calls(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
            Duration requestTimeout, int maxResponseBodyBytes, H2Settings h2, String clientName,
            io.micrometer.core.instrument.MeterRegistry meters) {
        super(decoder, encoder, settings, h2);
        this.requestTimeout = requestTimeout;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        this.clientName = clientName;
        this.meters = meters;
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                Pending p = pending.remove(stream.id());
                if (p != null) {
                    finish(p, unanswered(p, "the stream closed before a complete answer"));
                }
            }
        });
    }

    /** One request in flight and what has come back of its answer. */
    private static final class Pending {
        final CompletableFuture<SbiResponse> result = new CompletableFuture<>();
        private final String method;
        private final String path;
        int streamId;
        /** Its HEADERS reached the socket (until then the peer has seen nothing of it). */
        boolean sent;
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

    /** Completes on the server's first SETTINGS; fails if the connection closes before. */
    CompletableFuture<Void> settingsReceived() {
        return settingsReceived;
    }

    /** This connection's PINGs. */
    H2Pings pings() {
        return pings;
    }

    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
        settingsReceived.complete(null);
    }

    @Override
    public void onPingAckRead(ChannelHandlerContext ctx, long data) {
        pings.acknowledged(data);
    }

    /** The connection's event loop. */
    io.netty.util.concurrent.EventExecutor loop() {
        return ctx().executor();
    }

    /** Whether the connection is open. */
    boolean isOpen() {
        return ctx().channel().isActive();
    }

    /** Writes a PING (RFC 9113 6.7); on the event loop. */
    void writePing(long content) {
        encoder().writePing(ctx(), false, content, ctx().newPromise());
        flushSoon();
    }

    /** Sends on the connection's event loop; the call bound to the calling thread, if any, is taken along. */
    CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        SbiCall call = SbiCall.current();
        Pending p = new Pending(request.method(), request.path());
        if (ctx().executor().inEventLoop()) {
            start(p, request, authority, scheme, call);
        } else {
            ctx().executor().execute(() -> start(p, request, authority, scheme, call));
        }
        return p.result;
    }

    private void start(Pending p, SbiRequest request, String authority, String scheme, SbiCall call) {
        ChannelHandlerContext ctx = ctx();
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
        int id = connection().local().incrementAndGetNextStreamId();
        if (id < 0) { // RFC 9113 5.1.1: the stream IDs are used up; a new connection takes the next requests
            goingAway = true;
            p.result.completeExceptionally(new UnprocessedRequestException(p.what() + " not sent: the connection "
                    + "has no stream IDs left"));
            closeIfDone();
            return;
        }
        p.streamId = id;
        pending.put(id, p);
        boolean noBody = request.body().length == 0;
        Http2Headers block = H2Messages.requestBlock(request.method(), request.path(), scheme, authority);
        H2Messages.withFields(block, fields, request.body().length, !noBody || hasBodySemantics(request.method()));
        ChannelPromise headersWritten = ctx.newPromise();
        headersWritten.addListener(f -> {
            if (f.isSuccess()) {
                p.sent = true;
            } else if (pending.remove(id) != null) {
                // Nothing of it reached the wire (e.g. buffered beyond the peer's stream limit when its GOAWAY came):
                // no RST_STREAM for a stream the peer never saw.
                finish(p, new UnprocessedRequestException(p.what() + " could not be sent: " + f.cause().getMessage(),
                        f.cause()));
            }
        });
        encoder().writeHeaders(ctx, id, block, 0, noBody, headersWritten);
        if (!noBody) {
            encoder().writeData(ctx, id, Unpooled.wrappedBuffer(request.body()), 0, true, ctx.voidPromise());
        }
        flushSoon();
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

    /**
     * Gives up on {@code p}: its stream is reset (RFC 9113 8.7: CANCEL, the answer is no longer needed), or, if it
     * still waits for a free stream slot, dropped without anything sent.
     */
    private void cancel(Pending p, Exception why) {
        if (pending.remove(p.streamId) == null) {
            return;
        }
        int id = p.streamId;
        if (connection().stream(id) != null || id > connection().local().lastStreamCreated()) {
            encoder().writeRstStream(ctx(), id, Http2Error.CANCEL.code(), ctx().newPromise());
            flushSoon();
        }
        finish(p, why);
    }

    @Override
    public void onRstStreamRead(ChannelHandlerContext ctx, int streamId, long errorCode) {
        Pending p = pending.remove(streamId);
        if (p != null) {
            Http2Error code = Http2Error.valueOf(errorCode);
            String why = p.what() + ": the server reset the stream (" + (code == null ? errorCode : code) + ")";
            // RFC 9113 8.7: REFUSED_STREAM says the request was not processed at all.
            finish(p, code == Http2Error.REFUSED_STREAM ? new UnprocessedRequestException(why)
                    : new IOException(why + "; it may have been processed"));
        }
    }

    @Override
    public void onGoAwayRead(ChannelHandlerContext ctx, int lastStreamId, long errorCode, ByteBuf debugData) {
        log.info("HTTP/2 connection {}: the server sent GOAWAY ({}, last stream {}); {} request(s) still open, "
                + "later ones go on a new connection", ctx.channel().id().asShortText(),
                Http2Error.valueOf(errorCode) == null ? errorCode : Http2Error.valueOf(errorCode),
                lastStreamId, pending.size());
        goingAway = true;
        closeIfDone();
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
            boolean endOfStream) {
        Pending p = pending.get(streamId);
        if (p == null) {
            return;
        }
        if (p.status < 0) {
            CharSequence status = headers.status();
            int code = status == null ? -1 : parseStatus(status);
            if (code >= 100 && code < 200) {
                return; // RFC 9110 15.2: an interim answer, the final one follows
            }
            if (code < 200 || code > 599) {
                cancel(p, new IOException(p.what() + ": the answer has no valid :status"));
                return;
            }
            p.status = code;
            p.headers = H2Messages.fields(headers);
        }
        if (endOfStream) {
            complete(p);
        }
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
        int processed = data.readableBytes() + padding; // credited back at once: the size limit bounds what is kept
        Pending p = pending.get(streamId);
        if (p == null || p.status < 0) {
            return processed;
        }
        int size = data.readableBytes();
        int had = p.body == null ? 0 : p.body.readableBytes();
        if ((long) had + size > maxResponseBodyBytes) {
            cancel(p, new IOException(p.what() + ": the answer exceeds " + maxResponseBodyBytes + " octets"));
            return processed;
        }
        if (size > 0) {
            if (p.body == null) {
                p.body = ctx.alloc().heapBuffer(size);
            }
            p.body.writeBytes(data);
        }
        if (endOfStream) {
            complete(p);
        }
        return processed;
    }

    private void complete(Pending p) {
        pending.remove(p.streamId);
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
        boolean neverSent = !p.sent; // e.g. waiting for a stream slot, or written but not yet flushed
        if (neverSent || (connection().goAwayReceived() && p.streamId > connection().local().lastStreamKnownByPeer())) {
            return new UnprocessedRequestException(p.what() + ": " + what + (neverSent ? " (never sent)"
                    : " (above the last stream the server's GOAWAY processes)"));
        }
        return new IOException(p.what() + ": " + what + "; it may have been processed");
    }

    /** Whether new requests may go on this connection. */
    boolean acceptsNewStreams() {
        return !goingAway && ctx() != null && ctx().channel().isActive();
    }

    /** No new requests on this connection; it closes once those in flight end (RFC 9113 6.8's graceful end). */
    void retire() {
        goingAway = true;
        ctx().executor().execute(this::closeIfDone);
    }

    private void closeIfDone() {
        if (goingAway && pending.isEmpty() && ctx().channel().isActive()) {
            ctx().close();
        }
    }

    private static void release(Pending p) {
        if (p.body != null) {
            p.body.release();
            p.body = null;
        }
    }

    @Override
    protected void connectionFailed(ChannelHandlerContext ctx, Throwable cause) {
        // The connection broke, most often a peer's reset (issue 19: Open5GS drops its N32-f connections under load):
        // normal network life, so one line without a stack trace, counted; the open requests fail as the channel
        // goes inactive.
        boolean reset = cause instanceof IOException;
        meters.counter("keygate_sbi_client_connection_errors_total", "client", clientName, "cause",
                reset ? "reset" : "error").increment();
        log.info("HTTP/2 connection {} of {} to {}: {} ({} request(s) open): {}", ctx.channel().id().asShortText(),
                clientName, ctx.channel().remoteAddress(), reset ? "reset by the peer" : "failed", pending.size(),
                org.keygate.sbi.alpn.JdkAlpnHandler.rootMessage(cause));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        settingsReceived.completeExceptionally(new IOException("the connection closed before the server's SETTINGS"));
        pings.closed();
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
