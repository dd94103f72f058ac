package org.keygate.tls.revocation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation status of the certificates under each configured trust anchor: its CRLs (RFC 5280 5) and, when
 * configured, OCSP answers ({@link OcspCache}, RFC 6960), both fetched in the background and cached, and the check
 * of a validated path against them. (The name predates OCSP; the class is the one entry point callers know.)
 *
 * <p>When an anchor has both: a certificate is refused when either its CRL lists it or an OCSP answer says revoked;
 * its status is known when either the CRL is current (before its nextUpdate) or a current OCSP answer says good; when
 * neither, {@code onStaleRevocation} decides. So OCSP comes first and the CRL is the fallback when the responder is
 * down or answers unknown, and a revocation that only one of them publishes yet is still honoured.
 *
 * <p>The check is our own, run after the JDK's PKIX validation, rather than the JDK's {@code PKIXRevocationChecker}
 * over a {@code CertStore} of these CRLs: the JDK's checker silently drops a CRL past its nextUpdate (its CRL
 * selector matches on the validation date), so {@code onStaleRevocation: warn} would also forget the certificates
 * that stale CRL already lists as revoked; and the JDK would fetch distribution points itself, on the handshake's
 * thread, when {@code com.sun.security.enableCRLDP} is set. What the JDK still decides: the CRL's signature
 * ({@link X509CRL#verify}) and its entry lookup ({@link X509CRL#getRevokedCertificate}). The refusal carries a
 * {@link CertPathValidatorException} with {@link BasicReason#REVOKED}, from which JSSE picks the
 * {@code certificate_revoked} alert (RFC 8446 6.2) where it picks the alert from the cause (the TLS client's side).
 *
 * <p>Delta CRLs and indirect CRLs are not supported: a CRL with a critical extension the JDK does not know (such as
 * an issuingDistributionPoint scoping it) is not used, and the refresh is counted as failed.
 */
public final class CrlRevocation {
    private static final Logger log = LoggerFactory.getLogger(CrlRevocation.class);
    /** Bound on one CRL: a partner CA's CRL is kilobytes; a hostile server must not fill the heap. */
    static final int MAX_CRL_BYTES = 16 << 20;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    /** The shortest delay between two refreshes, so that a CRL near its nextUpdate is not fetched in a loop. */
    private static final Duration MIN_REFRESH = Duration.ofSeconds(1);
    /** The retry of a CRL missing or past its nextUpdate (at most; the refresh interval if shorter). */
    private static final Duration STALE_RETRY = Duration.ofSeconds(30);

    private final Map<X509Certificate, Anchor> anchors = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private ScheduledExecutorService scheduler;
    /** Told after each refresh that brought a new CRL (issue 18: established connections are checked again). */
    private final List<Runnable> refreshListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CrlRevocation(List<AnchorRevocation> policies, MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
        for (AnchorRevocation p : policies) {
            if (anchors.putIfAbsent(p.anchor(), new Anchor(p)) != null) {
                throw new IllegalArgumentException("two revocation policies for the anchor "
                        + p.anchor().getSubjectX500Principal());
            }
        }
    }

    /** No anchor checked: every certificate passes. */
    public static CrlRevocation none() {
        return new CrlRevocation(List.of(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                Clock.systemUTC());
    }

    /**
     * Fetches every configured CRL once now (so that the first handshakes are checked), then keeps them fresh on
     * {@code scheduler}. A source that cannot be fetched is logged and retried; it does not stop the start.
     */
    public void start(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        for (Anchor a : anchors.values()) {
            a.refresh();
            a.scheduleNext();
            a.ocsp.ifPresent(o -> o.start(scheduler));
        }
    }

    /**
     * Takes {@code policies} in place of the ones given so far (a reload of the node's configuration): an anchor whose
     * policy is unchanged keeps its cached CRLs, OCSP answers and schedule; a new or changed one is fetched now (on the
     * caller's thread, before the reload is applied: its CRLs, and OCSP about the certificates the previous policy had
     * seen) and then kept fresh; a dropped one stops refreshing and its meters go.
     */
    public void reconfigure(List<AnchorRevocation> policies) {
        Map<X509Certificate, AnchorRevocation> wanted = new HashMap<>();
        for (AnchorRevocation p : policies) {
            if (wanted.putIfAbsent(p.anchor(), p) != null) {
                throw new IllegalArgumentException("two revocation policies for the anchor "
                        + p.anchor().getSubjectX500Principal());
            }
        }
        Map<X509Certificate, Anchor> replaced = new HashMap<>();
        for (var it = anchors.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().config.equals(wanted.get(e.getKey()))) {
                e.getValue().stop();
                replaced.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        for (AnchorRevocation p : wanted.values()) {
            if (!anchors.containsKey(p.anchor())) {
                Anchor a = new Anchor(p);
                // A changed policy keeps what OCSP already said about the certificates seen (answers are signed facts
                // until their nextUpdate), so that the partners' next handshakes are not decided without an answer.
                Optional<OcspCache> before = Optional.ofNullable(replaced.get(p.anchor())).flatMap(x -> x.ocsp);
                a.ocsp.ifPresent(o -> before.ifPresent(o::adopt));
                if (scheduler != null) {
                    a.refresh();
                    a.scheduleNext();
                    a.ocsp.ifPresent(o -> {
                        o.refreshNow(); // as the CRLs: asked before the reload is applied
                        o.start(scheduler);
                    });
                }
                anchors.put(p.anchor(), a);
            }
        }
    }

    /**
     * Runs {@code listener} after each refresh that brought a new CRL, and after each OCSP answer that turned a
     * certificate revoked, on the refreshing thread: the owner checks the certificates of its established connections
     * again ({@link #listed}) and closes those now revoked.
     */
    public void onRefresh(Runnable listener) {
        refreshListeners.add(listener);
    }

    /**
     * Whether a cached CRL lists a certificate of {@code path}, or a cached OCSP answer says it is revoked, (leaf first, the anchor not included), with no other
     * effect (no metric, no fetch): for established connections, whose chains validated at their handshake. Empty when
     * none is listed or {@code anchor} has no revocation policy; else the reason, as a refused handshake logs it.
     */
    public Optional<String> listed(List<X509Certificate> path, X509Certificate anchor) {
        Anchor a = anchors.get(anchor);
        if (a == null) {
            return Optional.empty();
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            if (a.ocsp.flatMap(o -> o.cached(cert)).orElse(null) instanceof OcspAnswer.Revoked r) {
                return Optional.of(revokedByOcsp(cert, r));
            }
            Optional<X509CRL> crl = a.crlOf(issuer);
            X509CRLEntry entry = crl.map(c -> c.getRevokedCertificate(cert)).orElse(null);
            if (entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
                return Optional.of("certificate " + cert.getSubjectX500Principal() + " (serial "
                        + cert.getSerialNumber().toString(16) + ") is revoked since "
                        + entry.getRevocationDate().toInstant() + ", reason " + (entry.getRevocationReason() == null
                                ? "unspecified" : entry.getRevocationReason().name()) + " (CRL of "
                        + issuer.getSubjectX500Principal() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Fetches every CRL now, and asks again about every certificate in the OCSP caches, on the caller's thread (the
     * scheduled refreshes go on): for operators' tools and tests that must not wait for the next refresh.
     */
    public void refreshNow() {
        for (Anchor a : anchors.values()) {
            a.refresh();
            a.ocsp.ifPresent(OcspCache::refreshNow);
        }
    }

    /**
     * Checks each certificate of {@code path} (leaf first, the anchor not included) against the CRL of its issuer
     * (the next certificate, the last one's being {@code anchor}).
     *
     * @throws CertificateException with a {@link CertPathValidatorException} cause: {@link BasicReason#REVOKED}, or
     *     {@link BasicReason#UNDETERMINED_REVOCATION_STATUS} under {@link OnStaleRevocation#REFUSE}
     */
    public void check(List<X509Certificate> path, X509Certificate anchor) throws CertificateException {
        Anchor a = anchors.get(anchor);
        if (a == null) {
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            X509Certificate cert = path.get(i);
            X509Certificate issuer = i + 1 < path.size() ? path.get(i + 1) : anchor;
            a.check(cert, issuer, path, i);
        }
    }

    /** One anchor's CRLs, by source, and its meters. */
    private final class Anchor {
        private final AnchorRevocation config;
        private final String label;
        private final Set<CrlSource> sources = ConcurrentHashMap.newKeySet();
        private final Map<CrlSource, X509CRL> crls = new ConcurrentHashMap<>();
        private final Counter refreshOk;
        private final Counter refreshFailed;
        private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
        /** Set when a reload dropped this anchor's policy: its refresh loop ends. */
        private volatile boolean stopped;
        private final Optional<OcspCache> ocsp;

        Anchor(AnchorRevocation config) {
            this.config = config;
            this.label = config.anchor().getSubjectX500Principal().getName();
            sources.addAll(config.policy().crls());
            refreshOk = Counter.builder("keygate_tls_crl_refresh_total").tag("anchor", label).tag("outcome", "ok")
                    .description("CRL fetches per trust anchor").register(meters);
            refreshFailed = Counter.builder("keygate_tls_crl_refresh_total").tag("anchor", label)
                    .tag("outcome", "failed").description("CRL fetches per trust anchor").register(meters);
            Gauge.builder("keygate_tls_crl_stale", this, a -> a.stale() ? 1 : 0).tag("anchor", label)
                    .description("1 when a CRL of this anchor is missing or past its nextUpdate").register(meters);
            Gauge.builder("keygate_tls_crl_next_update_seconds", this, Anchor::secondsToNextUpdate)
                    .tag("anchor", label).description("seconds until the earliest nextUpdate of this anchor's CRLs")
                    .register(meters);
            ocsp = config.policy().ocsp().map(o -> new OcspCache(label, o, config.policy().refreshInterval(), meters,
                    clock, () -> afterOcspRevocation(label)));
        }

        void check(X509Certificate cert, X509Certificate issuer, List<X509Certificate> path, int index)
                throws CertificateException {
            boolean crls = config.policy().usesCrls();
            Optional<X509CRL> crl = crls ? crlOf(issuer) : Optional.empty();
            if (crl.isEmpty() && config.policy().distributionPoints()) {
                learnDistributionPoints(cert);
            }
            if (crl.isPresent()) {
                X509CRLEntry entry = crl.get().getRevokedCertificate(cert);
                if (entry != null) {
                    count("revoked");
                    String reason = entry.getRevocationReason() == null ? "unspecified"
                            : entry.getRevocationReason().name();
                    if (entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
                        throw refused("certificate " + cert.getSubjectX500Principal() + " (serial "
                                + cert.getSerialNumber().toString(16) + ") is revoked since "
                                + entry.getRevocationDate().toInstant() + ", reason " + reason + " (CRL of "
                                + issuer.getSubjectX500Principal() + ")", BasicReason.REVOKED, path, index);
                    }
                }
            }
            OcspAnswer answer = ocsp.flatMap(o -> o.lookup(cert, issuer)).orElse(null);
            if (answer instanceof OcspAnswer.Revoked r) {
                count("revoked");
                throw refused(revokedByOcsp(cert, r), BasicReason.REVOKED, path, index);
            }
            boolean current = crl.isPresent() && !pastNextUpdate(crl.get())
                    || answer instanceof OcspAnswer.Good && ocsp.get().current(answer);
            if (current) {
                count("good");
                return;
            }
            List<String> unknown = new ArrayList<>();
            if (crls) {
                unknown.add(crl.isEmpty() ? "no CRL of " + issuer.getSubjectX500Principal() + " could be fetched yet"
                        : "the CRL of " + issuer.getSubjectX500Principal() + " is past its nextUpdate "
                                + crl.get().getNextUpdate().toInstant());
            }
            ocsp.ifPresent(o -> unknown.add(o.whyUnknown(cert)));
            String why = String.join("; ", unknown);
            if (config.policy().onStale() == OnStaleRevocation.REFUSE) {
                count("stale_refused");
                throw refused("revocation status of " + cert.getSubjectX500Principal() + " unknown: " + why
                        + " (onStaleRevocation: refuse)", BasicReason.UNDETERMINED_REVOCATION_STATUS, path, index);
            }
            count("stale_accepted");
            log.warn("accepting {} although its revocation status is unknown: {} (onStaleRevocation: warn)",
                    cert.getSubjectX500Principal(), why);
        }

        /** The freshest cached CRL issued by {@code issuer} whose signature verifies with its key. */
        private Optional<X509CRL> crlOf(X509Certificate issuer) {
            X509CRL best = null;
            for (X509CRL crl : crls.values()) {
                if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    continue;
                }
                try {
                    crl.verify(issuer.getPublicKey());
                } catch (GeneralSecurityException e) {
                    continue;
                }
                if (best == null || crl.getThisUpdate().after(best.getThisUpdate())) {
                    best = crl;
                }
            }
            return Optional.ofNullable(best);
        }

        private void count(String outcome) {
            outcomes.computeIfAbsent(outcome, o -> Counter.builder("keygate_tls_revocation_checks_total")
                    .tag("anchor", label).tag("outcome", o)
                    .description("certificates checked against the CRLs of this anchor, by outcome")
                    .register(meters)).increment();
        }

        /** Registers the http distribution points of {@code cert} (RFC 5280 4.2.1.13) and fetches them soon. */
        private void learnDistributionPoints(X509Certificate cert) {
            boolean added = false;
            for (URI uri : httpDistributionPoints(cert)) {
                added |= sources.add(new CrlSource.Http(uri));
            }
            if (added && scheduler != null) {
                // Not on the handshake's thread: this handshake is decided without it (onStaleRevocation).
                scheduler.execute(this::refresh);
            }
        }

        void refresh() {
            boolean changed = false;
            for (CrlSource source : sources) {
                try {
                    X509CRL crl = parse(read(source));
                    if (crl.hasUnsupportedCriticalExtension()) {
                        throw new IOException("unsupported critical extension(s) "
                                + crl.getCriticalExtensionOIDs() + " (delta or indirect CRLs are not supported)");
                    }
                    if (crl.getNextUpdate() == null) {
                        throw new IOException("no nextUpdate (RFC 5280 5.1.2.5: conforming CRL issuers include it)");
                    }
                    if (crl.getIssuerX500Principal().equals(config.anchor().getSubjectX500Principal())) {
                        crl.verify(config.anchor().getPublicKey());
                    }
                    X509CRL old = crls.get(source);
                    if (old != null && crl.getThisUpdate().before(old.getThisUpdate())) {
                        throw new IOException("thisUpdate " + crl.getThisUpdate().toInstant()
                                + " is older than the cached CRL's " + old.getThisUpdate().toInstant()
                                + "; keeping the cached one");
                    }
                    changed |= !crl.equals(crls.put(source, crl));
                    refreshOk.increment();
                    log.debug("CRL of {} from {}: {} entries, nextUpdate {}", crl.getIssuerX500Principal(), source,
                            crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size(),
                            crl.getNextUpdate().toInstant());
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    refreshFailed.increment();
                    X509CRL old = crls.get(source);
                    log.warn("CRL for trust anchor {} from {} not refreshed: {}; {}", label, source, e.getMessage(),
                            old == null ? "no CRL cached"
                                    : "keeping the cached one, nextUpdate " + old.getNextUpdate().toInstant());
                }
            }
            if (changed) {
                runRefreshListeners(label);
            }
        }

        /** Ends the refresh loop and removes this anchor's meters (the next policy of the anchor makes its own). */
        void stop() {
            stopped = true;
            ocsp.ifPresent(OcspCache::stop);
            meters.getMeters().stream().filter(m -> label.equals(m.getId().getTag("anchor"))
                    && m.getId().getName().startsWith("keygate_tls_")).forEach(meters::remove);
        }

        void scheduleNext() {
            if (stopped || scheduler == null || scheduler.isShutdown()) {
                return;
            }
            Duration interval = config.policy().refreshInterval();
            Duration delay = interval;
            Instant now = clock.instant();
            for (CrlSource s : sources) {
                X509CRL crl = crls.get(s);
                Duration candidate;
                if (crl == null || pastNextUpdate(crl)) {
                    // Missing or stale: retried often enough to recover soon, not so often as to hammer a server.
                    candidate = STALE_RETRY.compareTo(interval) < 0 ? STALE_RETRY : interval;
                } else {
                    // Half-way to nextUpdate, so that one failed fetch still leaves time for another before it.
                    candidate = Duration.between(now, crl.getNextUpdate().toInstant()).dividedBy(2);
                }
                if (candidate.compareTo(delay) < 0) {
                    delay = candidate;
                }
            }
            if (delay.compareTo(MIN_REFRESH) < 0) {
                delay = MIN_REFRESH;
            }
            try {
                scheduler.schedule(() -> {
                    if (stopped) {
                        return;
                    }
                    refresh();
                    scheduleNext();
                }, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the node is closing
            }
        }

        boolean stale() {
            if (sources.isEmpty()) {
                return false;
            }
            for (CrlSource s : sources) {
                X509CRL crl = crls.get(s);
                if (crl == null || pastNextUpdate(crl)) {
                    return true;
                }
            }
            return false;
        }

        double secondsToNextUpdate() {
            return crls.values().stream().mapToLong(c -> Duration.between(clock.instant(),
                    c.getNextUpdate().toInstant()).toSeconds()).min().orElse(0);
        }

        private byte[] read(CrlSource source) throws IOException {
            return switch (source) {
                case CrlSource.File f -> {
                    if (Files.size(f.path()) > MAX_CRL_BYTES) {
                        throw new IOException("larger than " + MAX_CRL_BYTES + " bytes");
                    }
                    yield Files.readAllBytes(f.path());
                }
                case CrlSource.Http h -> fetch(h.uri());
            };
        }
    }

    private void runRefreshListeners(String label) {
        for (Runnable l : refreshListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("checking established connections after the revocation refresh of {} failed: {}", label,
                        e.toString());
            }
        }
    }

    /** An OCSP answer arrives on the http client's thread: the owners are told on the scheduler, as for CRLs. */
    private void afterOcspRevocation(String label) {
        Runnable all = () -> runRefreshListeners(label);
        ScheduledExecutorService s = scheduler;
        if (s == null || s.isShutdown()) {
            all.run();
            return;
        }
        try {
            s.execute(all);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            all.run();
        }
    }

    private static String revokedByOcsp(X509Certificate cert, OcspAnswer.Revoked r) {
        return "certificate " + cert.getSubjectX500Principal() + " (serial " + cert.getSerialNumber().toString(16)
                + ") is revoked since " + r.revocationTime() + ", reason " + r.reason() + " (OCSP responder "
                + r.responder() + ")";
    }

    private byte[] fetch(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] body = in.readNBytes(MAX_CRL_BYTES + 1);
                if (body.length > MAX_CRL_BYTES) {
                    throw new IOException("larger than " + MAX_CRL_BYTES + " bytes");
                }
                return body;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private boolean pastNextUpdate(X509CRL crl) {
        return clock.instant().isAfter(crl.getNextUpdate().toInstant());
    }

    private static X509CRL parse(byte[] der) throws GeneralSecurityException {
        // The JDK's factory takes DER and PEM ("-----BEGIN X509 CRL-----") alike.
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static CertificateException refused(String message, BasicReason reason, List<X509Certificate> path,
            int index) {
        CertPathValidatorException cause;
        try {
            cause = new CertPathValidatorException(message, null,
                    CertificateFactory.getInstance("X.509").generateCertPath(path), index, reason);
        } catch (CertificateException e) {
            cause = new CertPathValidatorException(message, null, null, -1, reason);
        }
        return new CertificateException(message, cause);
    }

    /** The http URIs among the fullName distribution points of {@code cert}. */
    static List<URI> httpDistributionPoints(X509Certificate cert) {
        List<URI> out = new ArrayList<>();
        try {
            CRLDistPoint dps = CRLDistPoint.fromExtensions(new JcaX509CertificateHolder(cert).getExtensions());
            if (dps == null) {
                return out;
            }
            for (DistributionPoint dp : dps.getDistributionPoints()) {
                DistributionPointName name = dp.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                    String text = g.getTagNo() == GeneralName.uniformResourceIdentifier ? g.getName().toString() : "";
                    if (text.regionMatches(true, 0, "http://", 0, 7)) {
                        try {
                            out.add(new CrlSource.Http(URI.create(text)).uri());
                        } catch (IllegalArgumentException ignored) {
                            // a malformed URL in a peer's certificate: not ours to fetch
                        }
                    }
                }
            }
        } catch (CertificateException | RuntimeException e) {
            log.debug("unreadable CRL distribution points in {}: {}", cert.getSubjectX500Principal(), e.getMessage());
        }
        return out;
    }
}
