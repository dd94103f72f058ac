package org.keygate.tls.bc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.keygate.crypto.secret.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on a Netty channel with Bouncy Castle's non-blocking {@code TlsServerProtocol} / {@code TlsClientProtocol}, for
 * what the JDK's TLS cannot do: PSK suites (RFC 4279, RFC 5487, RFC 8442) and TLS 1.3 external PSK, the TLS 1.2
 * master secret and session ID (TS 33.122 AEFPSK), and an explicit renegotiation policy (RFC 5746).
 *
 * <p><b>Pipeline.</b> Put it first on a TCP channel ({@link #server} or {@link #client}). Inbound: TLS records in,
 * decrypted application bytes out as {@link ByteBuf}s (the handler allocates them; the next handler releases them).
 * Outbound: {@link ByteBuf} application bytes in (released here), TLS records out. Writes made before the handshake
 * completes are held and sent after it.
 *
 * <p><b>Events.</b> When the handshake ends it fires Netty's {@link SslHandshakeCompletionEvent} (success, or failure
 * with a {@link BcTlsAlertException} or {@link SSLException} cause), so handlers behind it cannot tell which TLS engine
 * runs, and completes {@link #handshakeFuture()} with the {@link BcTlsSession}. When the TLS session ends (the peer's
 * close_notify, answered with ours, or a fatal alert either way) it fires {@link SslCloseCompletionEvent} and closes
 * the TCP connection (TS 33.328: the TCP connection is released as soon as the TLS session ends). Closing the
 * channel sends close_notify first.
 *
 * <p><b>PSK lookups.</b> A server in PSK mode reads the offered identities from the client's cleartext handshake
 * records ({@link ClientPskScanner}), asks the {@link PskLookup}, and holds the records back (auto-read off) until
 * every answer is in; then BC processes them and its synchronous PSK callbacks read the answers. The event loop never
 * blocks, so a lookup may do network I/O.
 *
 * <p><b>Errors.</b> Bad input (garbage, truncated or out-of-order records, a wrong key, an unknown identity) makes BC
 * raise a fatal alert (RFC 8446 6.2); the handler sends it, logs one line at DEBUG (the SBI logs handshake failures
 * itself) and closes the connection. A handshake not done within {@link #DEFAULT_HANDSHAKE_TIMEOUT} closes the
 * connection too. Not thread-safe: all calls happen on the channel's executor, as Netty does.
 */
public final class BcTlsHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(BcTlsHandler.class);
    /** As Netty's SslHandler: a peer that stalls the handshake does not hold a connection longer than this. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Plaintext chunk handed up or down at once (RFC 8446 5.1 record size). */
    private static final int CHUNK = 1 << 14;
    /** JCA-backed (the JDK's providers; ChaCha20-Poly1305 on BC's, see JdkTlsCrypto): thread-safe, shared. */
    private static final JcaTlsCrypto CRYPTO = new JdkTlsCrypto();

    private final BcTlsServerConfig serverConfig;
    private final BcTlsClientConfig clientConfig;
    private final Duration handshakeTimeout;
    private final PskKeys pskKeys = new PskKeys();
    private final RecordBoundaries boundaries = new RecordBoundaries();
    private ClientPskScanner scanner;
    private final ArrayDeque<PendingWrite> pendingWrites = new ArrayDeque<>();
    private final ArrayDeque<Held> heldInput = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    /** Usable before the handler joins a pipeline; completed on the channel's event loop (as Netty's SslHandler). */
    private final Promise<BcTlsSession> handshakePromise = ImmediateEventExecutor.INSTANCE.newPromise();
    private TlsProtocol protocol;
    private volatile BcTlsSession session;
    private boolean newSession;
    private int pendingLookups;
    private boolean ended;
    private short alertRaised = -1;
    private String alertRaisedMessage;
    private short alertReceived = -1;
    private ScheduledFuture<?> timeout;

    private record PendingWrite(ByteBuf data, ChannelPromise promise) {}

    /** Input held back while PSK lookups run; {@code scanned} once the identity scanner has seen it. */
    private record Held(byte[] octets, boolean scanned) {}

    private BcTlsHandler(BcTlsServerConfig server, BcTlsClientConfig client, Duration handshakeTimeout) {
        this.serverConfig = server;
        this.clientConfig = client;
        this.handshakeTimeout = handshakeTimeout;
    }

    public static BcTlsHandler server(BcTlsServerConfig config) {
        return new BcTlsHandler(Objects.requireNonNull(config, "config"), null, DEFAULT_HANDSHAKE_TIMEOUT);
    }

    public static BcTlsHandler client(BcTlsClientConfig config) {
        return new BcTlsHandler(null, Objects.requireNonNull(config, "config"), DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** As {@link #server(BcTlsServerConfig)} with another handshake timeout (> 0). */
    public static BcTlsHandler server(BcTlsServerConfig config, Duration handshakeTimeout) {
        return new BcTlsHandler(Objects.requireNonNull(config, "config"), null, positive(handshakeTimeout));
    }

    public static BcTlsHandler client(BcTlsClientConfig config, Duration handshakeTimeout) {
        return new BcTlsHandler(null, Objects.requireNonNull(config, "config"), positive(handshakeTimeout));
    }

    private static Duration positive(Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("handshakeTimeout: " + d + " (expected: > 0)");
        }
        return d;
    }

    /** Completes with the session when the first handshake succeeds; fails with its cause otherwise. */
    public Future<BcTlsSession> handshakeFuture() {
        return handshakePromise;
    }

    /** The current session: after the first handshake, and after each accepted renegotiation. */
    public Optional<BcTlsSession> session() {
        return Optional.ofNullable(session);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            start();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start();
        super.channelActive(ctx);
    }

    private void start() {
        if (protocol != null) {
            return;
        }
        timeout = ctx.executor().schedule(() -> {
            if (!handshakePromise.isDone()) {
                failHandshake(new SSLException("TLS handshake not done within " + handshakeTimeout));
                ctx.close();
            }
        }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        PeerEvents events = new Events();
        try {
            if (serverConfig != null) {
                PolicyProtocols.Server p = new PolicyProtocols.Server(serverConfig.renegotiation());
                protocol = p;
                KeygateTlsServer server = new KeygateTlsServer(CRYPTO, serverConfig, pskKeys, events);
                if (serverConfig.pskLookup().isPresent()) {
                    scanner = new ClientPskScanner(server::pskKeyExchangeSelected);
                }
                p.accept(server);
            } else {
                PolicyProtocols.Client p = new PolicyProtocols.Client(clientConfig.renegotiation());
                protocol = p;
                p.connect(new KeygateTlsClient(CRYPTO, clientConfig, events));
            }
        } catch (IOException | RuntimeException e) {
            end(cause(e));
            return;
        }
        flushOutput();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (ended || !in.isReadable()) {
            in.release();
            return;
        }
        if (pendingLookups > 0 || !handshakePromise.isDone()) {
            byte[] octets;
            try {
                octets = ByteBufUtil.getBytes(in);
            } finally {
                in.release();
            }
            if (pendingLookups > 0) {
                heldInput.add(new Held(octets, false));
                return;
            }
            offer(octets, false);
            return;
        }
        // After the handshake: BC is done with the octets it is offered before the call returns (it decrypts a whole
        // record in place, and copies a part into its queue), so they can be in a reused array (a new array per
        // read was a tenth of a relay's allocation); never in the buffer's own, which BC would write to.
        int n = in.readableBytes();
        byte[] octets;
        try {
            octets = Scratch.INPUT.copyOf(in);
        } finally {
            in.release();
        }
        if (offerRecords(octets, n)) {
            afterInput();
        }
    }

    private void offer(byte[] octets, boolean scanned) {
        if (!scanned && scanner != null && !scanner.done() && !handshakePromise.isDone()
                && startLookups(scanner.feed(octets))) {
            // First in line: when draining, later chunks are still queued behind this one.
            heldInput.addFirst(new Held(octets, true));
            return;
        }
        if (offerRecords(octets, octets.length)) {
            afterInput();
        }
    }

    /**
     * Gives BC {@code octets[0, length)} a record at a time where the stream allows ({@link RecordBoundaries});
     * false (and the session ended) if they broke it.
     */
    private boolean offerRecords(byte[] octets, int length) {
        try {
            for (int from = 0; from < length && !protocol.isClosed(); ) { // after close_notify: nothing more
                int n = boundaries.next(octets, from, length);
                protocol.offerInput(octets, from, n);
                from += n;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            end(cause(e));
            return false;
        }
    }

    private void afterInput() {
        flushOutput();
        if (newSession) {
            newSession = false;
            if (handshakePromise.trySuccess(session)) {
                timeout.cancel(false);
                writePending();
                ctx.fireUserEventTriggered(SslHandshakeCompletionEvent.SUCCESS);
            }
        }
        deliverApplicationData();
        if (protocol.isClosed() && !ended) {
            // RFC 8446 6.1 / RFC 5246 7.2.1: the peer's close_notify was answered by BC; the TLS session is over.
            ended = true;
            ctx.fireUserEventTriggered(SslCloseCompletionEvent.SUCCESS);
            ctx.close();
        }
    }

    /** Starts lookups for identities not asked about yet; true if some are still pending. */
    private boolean startLookups(List<byte[]> identities) {
        for (byte[] raw : identities) {
            Optional<String> identity = PskKeys.decode(raw);
            if (identity.isEmpty() || identity.get().isEmpty() || pskKeys.isKnown(identity.get()) || pskKeys.full()) {
                continue;
            }
            String id = identity.get();
            pskKeys.put(id, Optional.empty());
            pendingLookups++;
            serverConfig.pskLookup().orElseThrow().lookup(id).whenComplete((key, failure) -> ctx.executor().execute(
                    () -> lookupDone(id, failure == null && key != null ? key : Optional.empty(), failure)));
        }
        if (pendingLookups > 0) {
            ctx.channel().config().setAutoRead(false);
            return true;
        }
        return false;
    }

    private void lookupDone(String identity, Optional<SecretBytes> key, Throwable failure) {
        if (failure != null) {
            log.debug("PSK lookup for identity {} failed: {}", identity, failure.toString());
            pskKeys.failed();
        }
        pskKeys.put(identity, key);
        if (--pendingLookups > 0 || ended) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        while (!heldInput.isEmpty() && pendingLookups == 0 && !ended) {
            Held next = heldInput.poll();
            offer(next.octets(), next.scanned());
        }
    }

    private void deliverApplicationData() {
        boolean any = false;
        int available;
        while (!ended && (available = protocol.getAvailableInputBytes()) > 0) {
            // All of it at once, so a message split over records (a 32 KiB MSRP chunk is two) reaches the next
            // handler in one buffer its decoder need not gather into another; an unpooled heap buffer (nothing to
            // leak if a handler forgets to release it) on an array BC fills whole, so not zeroed first.
            int n = available;
            byte[] plain = PlatformDependent.allocateUninitializedArray(n);
            protocol.readInput(plain, 0, n);
            ctx.fireChannelRead(Unpooled.wrappedBuffer(plain));
            any = true;
        }
        if (any) {
            ctx.fireChannelReadComplete();
        }
    }

    private void flushOutput() {
        int n = protocol == null ? 0 : protocol.getAvailableOutputBytes();
        if (n > 0) {
            ctx.writeAndFlush(records(n));
        }
    }

    /**
     * BC's pending output (n octets of records) in a pooled direct buffer: the socket writes it as it is (a heap
     * buffer is copied into a direct one by the channel on its way out) and no array is allocated per write.
     */
    private ByteBuf records(int n) {
        ByteBuf out = ctx.alloc().directBuffer(n);
        protocol.readOutput(out.nioBuffer(0, n), n);
        return out.writerIndex(n);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf data)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        if (ended || (protocol != null && protocol.isClosed())) {
            // e.g. an answer to data that arrived together with the peer's close_notify: not a TLS failure
            data.release();
            promise.setFailure(new SSLException("the TLS session has ended"));
            return;
        }
        if (!handshakePromise.isSuccess()) {
            pendingWrites.add(new PendingWrite(data, promise));
            return;
        }
        encrypt(data, promise);
    }

    private void encrypt(ByteBuf data, ChannelPromise promise) {
        if (protocol.isClosed()) {
            data.release();
            promise.tryFailure(new SSLException("the TLS session has ended"));
            return;
        }
        try {
            while (data.isReadable()) {
                // one call, one record (RFC 8446 5.1); BC encrypts the octets before it returns, so a heap buffer's
                // own array is given as it is and anything else (direct, or gathered from several) is copied into a
                // reused array
                int n = Math.min(data.readableBytes(), CHUNK);
                if (data.hasArray()) {
                    protocol.writeApplicationData(data.array(), data.arrayOffset() + data.readerIndex(), n);
                    data.skipBytes(n);
                } else {
                    byte[] plain = Scratch.OUTPUT.get(n);
                    data.readBytes(plain, 0, n);
                    protocol.writeApplicationData(plain, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            promise.tryFailure(e);
            end(cause(e));
            return;
        } finally {
            data.release();
        }
        ctx.write(records(protocol.getAvailableOutputBytes()), promise);
    }

    private void writePending() {
        while (!pendingWrites.isEmpty()) {
            PendingWrite w = pendingWrites.poll();
            encrypt(w.data(), w.promise());
        }
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (protocol != null && !ended && !protocol.isClosed()) {
            ended = true;
            try {
                protocol.close(); // queues close_notify (RFC 8446 6.1)
            } catch (IOException e) {
                log.debug("close_notify not sent: {}", e.toString());
            }
            int n = protocol.getAvailableOutputBytes();
            if (n > 0 && ctx.channel().isActive()) {
                byte[] out = new byte[n];
                protocol.readOutput(out, 0, n);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(out)).addListener(f -> ctx.close(promise));
                return;
            }
        }
        ended = true;
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ended = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        failHandshake(new SSLException("connection closed before the TLS handshake completed"));
        failPendingWrites(new SSLException("connection closed"));
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        failPendingWrites(new SSLException("TLS handler removed"));
        heldInput.clear();
    }

    /** A fatal alert (sent or received) or an internal failure: send what BC queued, report, close. */
    private void end(Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        log.debug("TLS with {} ended: {}", ctx.channel().remoteAddress(), cause.getMessage());
        int n = protocol == null ? 0 : protocol.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            protocol.readOutput(out, 0, n);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
        } else if (!handshakePromise.isDone() && cause instanceof BcTlsAlertException alert && alert.sent()) {
            // BC cannot write a record before it has chosen a record version (garbage or a bad ClientHello), and
            // then drops its alert; RFC 8446 6.2 still wants the peer told. Written here by hand because no
            // library call writes a bare plaintext alert record.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(plaintextFatalAlert(alert.alertDescription())));
        }
        if (!failHandshake(cause)) {
            ctx.fireUserEventTriggered(new SslCloseCompletionEvent(cause));
        }
        failPendingWrites(cause);
        ctx.flush();
        ctx.close();
    }

    /** RFC 8446 5.1 and 6: content type alert (21), legacy_record_version 0x0303, length 2, fatal (2), description. */
    private static byte[] plaintextFatalAlert(int description) {
        return new byte[] {21, 3, 3, 0, 2, 2, (byte) description};
    }

    /** Fails the handshake if still open; true if it did. */
    private boolean failHandshake(Throwable cause) {
        if (!handshakePromise.tryFailure(cause)) {
            return false;
        }
        ctx.fireUserEventTriggered(new SslHandshakeCompletionEvent(cause));
        return true;
    }

    private void failPendingWrites(Throwable cause) {
        while (!pendingWrites.isEmpty()) {
            PendingWrite w = pendingWrites.poll();
            w.data().release();
            w.promise().tryFailure(cause);
        }
    }

    /** The alert BC raised or received, as an exception that names it; the BC exception otherwise. */
    private Throwable cause(Throwable e) {
        if (e instanceof TlsFatalAlertReceived received) {
            return new BcTlsAlertException(received.getAlertDescription(), false, null, e);
        }
        if (e instanceof TlsFatalAlert fatal) {
            // BC's message is "name(code); detail": keep the detail (a reason, never key material)
            String m = fatal.getMessage();
            int semicolon = m == null ? -1 : m.indexOf("; ");
            return new BcTlsAlertException(fatal.getAlertDescription(), true,
                    semicolon < 0 ? null : m.substring(semicolon + 2), e);
        }
        if (alertRaised >= 0) {
            return new BcTlsAlertException(alertRaised, true, alertRaisedMessage, e);
        }
        if (alertReceived >= 0) {
            return new BcTlsAlertException(alertReceived, false, null, e);
        }
        return new SSLException("TLS failed: " + e, e);
    }

    private final class Events implements PeerEvents {
        @Override
        public void handshakeComplete(BcTlsSession s) {
            session = s;
            newSession = true;
        }

        @Override
        public void alertRaised(short level, short description, String message, Throwable cause) {
            if (level == AlertLevel.fatal) {
                alertRaised = description;
                alertRaisedMessage = message;
            }
        }

        @Override
        public void alertReceived(short level, short description) {
            if (level == AlertLevel.fatal) {
                alertReceived = description;
            }
        }
    }
}
