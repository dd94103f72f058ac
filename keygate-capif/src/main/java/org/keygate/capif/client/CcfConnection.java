package org.keygate.capif.client;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.TrustAnchorSource;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kept HTTP/2 mutual-TLS connection to the CCF (CAPIF-3, TS 33.122 6.3) for calls made often, such as the AEFPSK
 * lookup of every CAPIF-2e handshake: one client and one event loop for the owner's lifetime, one connection
 * multiplexing every call, reopened when it closed. When the CCF cannot be reached, new connections are tried after
 * a backoff (doubling from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}); meanwhile calls fail at once instead of
 * each waiting for a connect timeout. The loss and the return of the CCF are logged once each.
 */
public final class CcfConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CcfConnection.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** Short enough that handshakes succeed again within seconds of the CCF's return. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final CcfEndpoint ccf;
    private final Duration timeout;
    private final SbiClient client;
    private final SbiConnectionPool<InetSocketAddress> pool;
    private final String authority;
    private final Clock clock;
    private final Object state = new Object();
    /** Guarded by {@link #state}. */
    private Instant nextAttempt = Instant.MIN;
    private Duration backoff = FIRST_BACKOFF;
    private String unreachableCause;
    private final TrustAnchorSource anchors;
    /** The connection the last call went over: the one {@link #anchorsChanged} judges. */
    private volatile SbiClientConnection current;

    /** {@code identity}: the caller's CCF-issued certificate; {@code timeout} bounds each connect and each call. */
    public CcfConnection(CcfEndpoint ccf, TlsKeyMaterial identity, Duration timeout) {
        this(ccf, TrustAnchorSource.of(ccf.anchors()), identity, timeout);
    }

    /**
     * As {@link #CcfConnection(CcfEndpoint, TlsKeyMaterial, Duration)}, checking the CCF's certificate against
     * {@code anchors} at every new connection (a reload swaps them, then calls {@link #anchorsChanged}).
     */
    public CcfConnection(CcfEndpoint ccf, TrustAnchorSource anchors, TlsKeyMaterial identity, Duration timeout) {
        this.ccf = Objects.requireNonNull(ccf, "ccf");
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Clock.systemUTC();
        BcTlsClientConfig tls = BcTlsClientConfig.builder().trustAnchors(anchors).serverName(ccf.serverName())
                .keyMaterial(Objects.requireNonNull(identity, "identity")).build();
        this.client = SbiClient.builder().bcTls(tls).connectTimeout(timeout).requestTimeout(timeout)
                .eventLoopThreads(1).build();
        this.pool = new SbiConnectionPool<>(null, address -> client.connectBcTls(address, tls));
        this.authority = ccf.serverName() + ":" + ccf.address().getPort();
    }

    /**
     * Sends {@code method path} (with a JSON {@code body}, or none) on the kept connection. Fails with a
     * {@link CapifCallException} naming {@code step} when the CCF cannot be reached or does not answer within the
     * timeout.
     */
    public CompletableFuture<SbiResponse> call(String step, String method, String path, Object body) {
        byte[] json = body == null ? new byte[0] : SbiJson.write(body);
        SbiHeaders headers = body == null ? SbiHeaders.empty() : SbiHeaders.of("content-type", "application/json");
        SbiRequest request = new SbiRequest(method, path, headers, json);
        String waiting = waitingCause();
        if (waiting != null) {
            return CompletableFuture.failedFuture(new CapifCallException(step, new java.net.ConnectException(waiting)));
        }
        CompletableFuture<SbiClientConnection> connection = pool.connection(ccf.address());
        return connection.whenComplete((c, failure) -> {
            if (failure != null) {
                unreachable(unwrap(failure)); // the pool opens a new connection for the next call
            } else {
                current = c;
                reachable();
            }
        }).thenCompose(c -> c.send(request, authority, "https").whenComplete((r, failure) -> {
            if (failure != null && unwrap(failure) instanceof TimeoutException) {
                // A connection that lets a call time out may be dead without a FIN (CCF host gone): retired, the pool
                // hands it out no more and opens a fresh one for the next call; closed, the calls still on it fail
                // now instead of each at its own timeout.
                c.retire();
                c.close();
            }
        })).orTimeout(timeout.toMillis() * 3, TimeUnit.MILLISECONDS).exceptionallyCompose(failure ->
                CompletableFuture.failedFuture(new CapifCallException(step, unwrap(failure))));
    }

    /** {@link #call}, waited for: fails unless the CCF answers {@code status}. */
    public SbiResponse expect(String step, String method, String path, Object body, int status)
            throws CapifCallException {
        SbiResponse r = await(call(step, method, path, body));
        if (r.status() != status) {
            throw refusal(step, r);
        }
        return r;
    }

    /** The answer of a {@link #call}, or its failure as thrown by the call. */
    public static SbiResponse await(CompletableFuture<SbiResponse> call) throws CapifCallException {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (unwrap(e) instanceof CapifCallException c) {
                throw c;
            }
            throw new CapifCallException("CCF call", unwrap(e));
        }
    }

    /** The CCF's refusal of {@code step}: its status and ProblemDetails. */
    public static CapifCallException refusal(String step, SbiResponse r) {
        return CcfSession.refusal(step, r);
    }

    /**
     * After the anchors were swapped (issue 18, a reload's new ccfCa): when the CCF's chain on the kept connection no
     * longer validates under them, the connection is retired (the calls on it are answered, then it closes) and the
     * next call opens a new one, checked under the new anchors; otherwise it stays.
     *
     * @return why the kept connection was retired, or empty when it stays (or there is none)
     */
    public java.util.Optional<String> anchorsChanged() {
        SbiClientConnection c = current;
        if (c == null || !c.acceptsNewStreams() || c.peerCertificates().isEmpty()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> why = anchors.untrustedNow(c.peerCertificates());
        why.ifPresent(w -> {
            LOG.warn("CCF {}: its certificate no longer validates under the new trust anchors, reconnecting: {}",
                    ccf.address(), w);
            pool.retire(ccf.address());
        });
        return why;
    }

    /** The refusal to give while waiting out a backoff, or null when a connection may be tried. */
    private String waitingCause() {
        synchronized (state) {
            if (unreachableCause == null || !clock.instant().isBefore(nextAttempt)) {
                return null;
            }
            return "CCF " + ccf.address() + " unreachable (" + unreachableCause + "), next attempt at " + nextAttempt;
        }
    }

    private void unreachable(Throwable cause) {
        synchronized (state) {
            String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            if (unreachableCause == null) {
                LOG.warn("CCF {} unreachable, CAPIF-3 calls refused until it answers again: {}", ccf.address(), text);
                backoff = FIRST_BACKOFF;
            } else {
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            unreachableCause = text;
            nextAttempt = clock.instant().plus(backoff);
        }
    }

    private void reachable() {
        synchronized (state) {
            if (unreachableCause != null) {
                LOG.info("CCF {} reachable again", ccf.address());
                unreachableCause = null;
                backoff = FIRST_BACKOFF;
            }
        }
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Override
    public void close() {
        pool.close();
        client.close();
    }
}
