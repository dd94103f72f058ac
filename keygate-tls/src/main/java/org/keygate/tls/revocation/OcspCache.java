package org.keygate.tls.revocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP answers (RFC 6960) about the certificates seen under one trust anchor, fetched in the background and kept
 * until their nextUpdate.
 *
 * <p>A handshake never waits for a responder: it runs on an event loop, and the trust manager has to decide at once.
 * It takes the cached answer ({@link #lookup}); a certificate seen for the first time has none, is decided without it
 * (the CRLs, else {@code onStaleRevocation}) and is asked about at once on the scheduler, so the next handshake has
 * the answer. Each cached certificate is asked again half-way to its answer's nextUpdate (at least every {@code
 * refreshInterval}), after a failure every 30 s at most, by a sweep each second; the least recently seen certificate
 * leaves when {@link OcspPolicy#cacheSize} is reached. An answer that turns a certificate revoked runs {@code
 * onRevoked}, whose owner closes the established connections that presented it.
 *
 * <p>Meters, per anchor: {@code keygate_tls_ocsp_requests_total{outcome}} (good, revoked, unknown: verified answers;
 * failed: no answer (connection, timeout, HTTP status, no responder); invalid: an answer refused by {@link
 * OcspResponseVerifier}), {@code keygate_tls_ocsp_request_seconds}, {@code keygate_tls_ocsp_cached} and {@code
 * keygate_tls_ocsp_stale} (certificates without a current answer).
 */
final class OcspCache {
    private static final Logger log = LoggerFactory.getLogger(OcspCache.class);
    /** How often the cache looks for answers due again; the work per sweep is one pass over at most cacheSize. */
    static final Duration SWEEP = Duration.ofSeconds(1);
    /** The retry of a certificate without an answer (at most; the refresh interval if shorter). */
    static final Duration FAILED_RETRY = Duration.ofSeconds(30);
    /** The shortest delay between two requests about one certificate. */
    static final Duration MIN_REQUERY = Duration.ofSeconds(1);

    private final String label;
    private final OcspPolicy policy;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Runnable onRevoked;
    private final OcspFetch fetch;
    private final SecureRandom random = new SecureRandom();
    private final Map<X509Certificate, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer latency;
    private volatile ScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> sweep;
    private volatile boolean stopped;

    OcspCache(String label, OcspPolicy policy, Duration refreshInterval, MeterRegistry meters, Clock clock,
            Runnable onRevoked) {
        this.label = label;
        this.policy = policy;
        this.refreshInterval = refreshInterval;
        this.meters = meters;
        this.clock = clock;
        this.onRevoked = onRevoked;
        this.fetch = new OcspFetch(policy.timeout());
        latency = Timer.builder("keygate_tls_ocsp_request_seconds").tag("anchor", label)
                .description("OCSP requests of this anchor's certificates, until the answer or the failure")
                .register(meters);
        Gauge.builder("keygate_tls_ocsp_cached", entries, m -> m.values().stream().filter(e -> e.answer != null)
                .count()).tag("anchor", label).description("certificates of this anchor with a cached OCSP answer")
                .register(meters);
        Gauge.builder("keygate_tls_ocsp_stale", this, OcspCache::staleCount).tag("anchor", label)
                .description("certificates of this anchor seen without a current OCSP answer").register(meters);
    }

    /** Starts the background sweep on {@code scheduler}; certificates already looked up are asked about now. */
    void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> s = sweep;
        if (s != null) {
            s.cancel(false);
        }
    }

    /**
     * The cached answer about {@code cert}, for a handshake: notes that it was seen, and asks the responder in the
     * background when the certificate is new here. No I/O on the caller's thread.
     */
    Optional<OcspAnswer> lookup(X509Certificate cert, X509Certificate issuer) {
        Entry e = entries.get(cert);
        if (e == null) {
            e = admit(cert, issuer);
        }
        e.lastSeen = clock.instant();
        return Optional.ofNullable(e.answer);
    }

    /** The cached answer, with no other effect (for established connections). */
    Optional<OcspAnswer> cached(X509Certificate cert) {
        Entry e = entries.get(cert);
        return e == null ? Optional.empty() : Optional.ofNullable(e.answer);
    }

    /** Whether {@code answer} may still be relied on: before its nextUpdate, or young enough when it has none. */
    boolean current(OcspAnswer answer) {
        Instant now = clock.instant();
        return answer.nextUpdate().map(n -> !now.isAfter(n))
                .orElseGet(() -> !now.isAfter(answer.thisUpdate().plus(refreshInterval)));
    }

    /** Why {@code cert} has no current good answer, for the refusal or the WARN line. */
    String whyUnknown(X509Certificate cert) {
        Entry e = entries.get(cert);
        if (e == null) {
            return "no OCSP answer";
        }
        if (e.responder.isEmpty()) {
            return "no OCSP responder for it (no ocsp.responder configured, no http OCSP URL in its Authority"
                    + " Information Access)";
        }
        OcspAnswer a = e.answer;
        String last = e.lastFailure == null ? "" : " (last request: " + e.lastFailure + ")";
        if (a == null) {
            return "no OCSP answer from " + e.responder.get() + " yet" + (e.lastFailure == null
                    ? ": asked in the background, the next handshake uses its answer" : last);
        }
        if (a instanceof OcspAnswer.Unknown) {
            return "the OCSP responder " + a.responder() + " answers unknown for it";
        }
        return "the OCSP answer of " + a.responder() + " is past its nextUpdate "
                + a.nextUpdate().map(Instant::toString).orElse("(none; thisUpdate " + a.thisUpdate() + ")") + last;
    }

    /**
     * Takes the certificates {@code previous} had seen, with their answers, before this cache starts (a reload changed
     * the anchor's policy); they are asked about again at the first sweep, or by {@link #refreshNow}.
     */
    void adopt(OcspCache previous) {
        Instant now = clock.instant();
        for (Entry old : previous.entries.values()) {
            if (entries.size() >= policy.cacheSize()) {
                return;
            }
            Entry e = new Entry(old.cert, old.issuer, policy.responder().or(() -> aiaResponder(old.cert)), now);
            e.answer = old.answer;
            e.lastSeen = old.lastSeen;
            entries.putIfAbsent(old.cert, e);
        }
    }

    /** Asks about every cached certificate now and waits for the answers (bounded by the timeout): tools, tests. */
    void refreshNow() {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Entry e : entries.values()) {
            running.add(query(e));
        }
        for (CompletableFuture<Void> f : running) {
            try {
                f.get(policy.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // logged and counted where it failed
            }
        }
    }

    private Entry admit(X509Certificate cert, X509Certificate issuer) {
        if (entries.size() >= policy.cacheSize()) {
            entries.values().stream().min(Comparator.comparing(x -> x.lastSeen))
                    .ifPresent(oldest -> entries.remove(oldest.cert, oldest));
        }
        Entry fresh = new Entry(cert, issuer, policy.responder().or(() -> aiaResponder(cert)), clock.instant());
        Entry e = entries.putIfAbsent(cert, fresh);
        if (e != null) {
            return e;
        }
        if (fresh.responder.isEmpty()) {
            count("failed");
            log.warn("OCSP for trust anchor {}: no responder for {} (serial {}): no ocsp.responder configured and no"
                    + " http OCSP URL in its Authority Information Access; its status rests on the CRLs or"
                    + " onStaleRevocation", label, cert.getSubjectX500Principal(), cert.getSerialNumber().toString(16));
        }
        ScheduledExecutorService s = scheduler;
        if (s != null && fresh.responder.isPresent()) {
            try {
                // Not on the handshake's thread: this handshake is decided without the answer.
                s.execute(() -> query(fresh));
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // closing
            }
        }
        return fresh;
    }

    private void sweep() {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        for (Entry e : entries.values()) {
            if (!now.isBefore(e.nextQuery)) {
                query(e);
            }
        }
    }

    /** One request about {@code e}'s certificate, unless one is already running; never throws. */
    private synchronized CompletableFuture<Void> query(Entry e) {
        if (e.inFlight != null && !e.inFlight.isDone()) {
            return e.inFlight;
        }
        if (e.responder.isEmpty() || stopped) {
            e.nextQuery = clock.instant().plus(retry());
            return CompletableFuture.completedFuture(null);
        }
        URI responder = e.responder.get();
        OcspRequest request;
        try {
            request = OcspRequest.of(e.cert, e.issuer, policy.nonce(), random);
        } catch (IOException x) {
            failed(e, responder, "failed", x.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        e.nextQuery = clock.instant().plus(policy.timeout()).plus(MIN_REQUERY); // while in flight
        e.inFlight = fetch.post(responder, request.der()).handle((der, failure) -> {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause()
                        != null ? failure.getCause() : failure;
                failed(e, responder, "failed", cause instanceof java.util.concurrent.TimeoutException
                        || cause instanceof java.net.http.HttpTimeoutException
                        ? "no answer within " + policy.timeout() : cause.toString());
                return null;
            }
            try {
                settle(e, OcspResponseVerifier.verify(der, request, e.cert, e.issuer, responder, clock.instant(),
                        refreshInterval));
            } catch (IOException x) {
                failed(e, responder, "invalid", "answer refused: " + x.getMessage());
            }
            return null;
        });
        return e.inFlight;
    }

    private void settle(Entry e, OcspAnswer answer) {
        OcspAnswer previous = e.answer;
        if (previous != null && answer.thisUpdate().isBefore(previous.thisUpdate())) {
            failed(e, answer.responder(), "invalid", "answer refused: thisUpdate " + answer.thisUpdate()
                    + " is older than the cached answer's " + previous.thisUpdate() + "; keeping the cached one");
            return;
        }
        e.answer = answer;
        e.lastFailure = null;
        Instant now = clock.instant();
        Duration next = answer.nextUpdate().map(n -> Duration.between(now, n).dividedBy(2)).orElse(refreshInterval);
        if (next.compareTo(refreshInterval) > 0) {
            next = refreshInterval;
        }
        e.nextQuery = now.plus(next.compareTo(MIN_REQUERY) < 0 ? MIN_REQUERY : next);
        String subject = e.cert.getSubjectX500Principal() + " (serial " + e.cert.getSerialNumber().toString(16) + ")";
        switch (answer) {
            case OcspAnswer.Good g -> {
                count("good");
                if (!(previous instanceof OcspAnswer.Good)) {
                    log.info("OCSP for trust anchor {}: {} is good (responder {}, nextUpdate {})", label, subject,
                            g.responder(), g.nextUpdate().map(Instant::toString).orElse("none"));
                }
            }
            case OcspAnswer.Revoked r -> {
                count("revoked");
                if (!(previous instanceof OcspAnswer.Revoked)) {
                    log.warn("OCSP for trust anchor {}: {} is revoked since {}, reason {} (responder {}): its"
                            + " handshakes are refused, its established connections closed", label, subject,
                            r.revocationTime(), r.reason(), r.responder());
                    onRevoked.run();
                }
            }
            case OcspAnswer.Unknown u -> {
                count("unknown");
                if (!(previous instanceof OcspAnswer.Unknown)) {
                    log.warn("OCSP for trust anchor {}: the responder {} answers unknown for {} (a certificate its CA"
                            + " does not know, or the wrong responder): decided by the CRLs or onStaleRevocation",
                            label, u.responder(), subject);
                }
            }
        }
    }

    private void failed(Entry e, URI responder, String outcome, String why) {
        count(outcome);
        e.lastFailure = why;
        e.nextQuery = clock.instant().plus(retry());
        OcspAnswer a = e.answer;
        log.warn("OCSP for trust anchor {}: {} about {} (serial {}): {}; {}", label, responder,
                e.cert.getSubjectX500Principal(), e.cert.getSerialNumber().toString(16), why,
                a == null ? "no answer cached" : "keeping the cached answer ("
                        + a.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ", nextUpdate "
                        + a.nextUpdate().map(Instant::toString).orElse("none") + ")");
    }

    private Duration retry() {
        return FAILED_RETRY.compareTo(refreshInterval) < 0 ? FAILED_RETRY : refreshInterval;
    }

    private double staleCount() {
        return entries.values().stream().filter(e -> e.answer == null || !current(e.answer)).count();
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("keygate_tls_ocsp_requests_total")
                .tag("anchor", label).tag("outcome", o)
                .description("OCSP requests about this anchor's certificates, by outcome").register(meters))
                .increment();
    }

    /** The first http OCSP URL of {@code cert}'s Authority Information Access (RFC 5280 4.2.2.1, id-ad-ocsp). */
    static Optional<URI> aiaResponder(X509Certificate cert) {
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(
                    new JcaX509CertificateHolder(cert).getExtensions());
            if (aia == null) {
                return Optional.empty();
            }
            for (AccessDescription d : aia.getAccessDescriptions()) {
                GeneralName g = d.getAccessLocation();
                if (!d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        || g.getTagNo() != GeneralName.uniformResourceIdentifier) {
                    continue;
                }
                String text = g.getName().toString();
                if (text.regionMatches(true, 0, "http://", 0, 7)) {
                    try {
                        return Optional.of(new CrlSource.Http(URI.create(text)).uri());
                    } catch (IllegalArgumentException ignored) {
                        // a malformed URL in a peer's certificate: not ours to ask
                    }
                }
            }
        } catch (CertificateException | RuntimeException e) {
            log.debug("unreadable Authority Information Access in {}: {}", cert.getSubjectX500Principal(),
                    e.getMessage());
        }
        return Optional.empty();
    }

    /** One certificate's state; its fields are written by the query's completion and read by handshakes. */
    private static final class Entry {
        final X509Certificate cert;
        final X509Certificate issuer;
        final Optional<URI> responder;
        volatile OcspAnswer answer;
        volatile String lastFailure;
        volatile Instant lastSeen;
        volatile Instant nextQuery;
        volatile CompletableFuture<Void> inFlight;

        Entry(X509Certificate cert, X509Certificate issuer, Optional<URI> responder, Instant now) {
            this.cert = cert;
            this.issuer = issuer;
            this.responder = responder;
            this.lastSeen = now;
            this.nextQuery = now;
        }
    }
}
