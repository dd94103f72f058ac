package org.keygate.capif.aef;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.keygate.capif.ca.CertificateExpiry;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfConnection;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sbi.server.ServerDrain;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.provider.ProviderFunction;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.ClientAuth;
import org.keygate.tls.bc.TrustAnchorSource;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An API exposing function: a CAPIF-2e listener (TS 33.122 6.5.2: TLS-PSK with AEFPSK, identity = API invoker ID,
 * or certificates from the CCF; TLS 1.2 and 1.3) fronting a sample northbound API under {@code apiPrefix}, and the
 * AEF_Security API for the CCF on a CAPIF-3 listener (mutual TLS).
 *
 * <p>Lifecycle: {@link #start}, then {@link #serve(String)} with the apiId the API got when published, then
 * {@link #close()}.
 */
public final class ApiExposingFunction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExposingFunction.class);
    /**
     * DESIGN.md (CAPIF-2e suites): TLS 1.3 external PSK (psk_dhe_ke) with AES-GCM; TLS 1.2 ECDHE_PSK before plain
     * PSK, so that every client that can have forward secrecy gets it (the server's order decides): AES-128-GCM
     * (RFC 8442), then ChaCha20-Poly1305 (RFC 7905) and AES-128-CBC-SHA256 (RFC 5489), the ECDHE_PSK suites OpenSSL
     * 3.0 and GnuTLS 3.7 implement (AEAD first). PSK suites first, so a client offering both is authenticated by its
     * PSK. Then the ECDSA suites for PKI invokers (P-256 certificate).
     */
    public static final List<String> CAPIF_2E_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
            "TLS_PSK_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");

    private final ProviderFunction aef;
    private final CcfEndpoint ccf;
    private final String host;
    private final String apiPrefix;
    private final Authorizations authorizations = new Authorizations();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * Bounds each AEFPSK lookup at the CCF: a handshake the CCF cannot answer within it is refused (well inside the
     * handshake's own timeout, BcTlsHandler.DEFAULT_HANDSHAKE_TIMEOUT).
     */
    static final java.time.Duration CCF_TIMEOUT = java.time.Duration.ofSeconds(2);
    private CcfConnection ccfConnection;
    private InvocationLogger invocationLog;
    private MeterRegistry meters = new SimpleMeterRegistry();
    private org.keygate.sbi.h2.H2Settings h2 = org.keygate.sbi.h2.H2Settings.DEFAULT;
    /** Read at the stop: a reload may change it while the AEF runs. */
    private volatile java.time.Duration drainTimeout = java.time.Duration.ofSeconds(20);
    /**
     * The CCF's CA certificates (ccfCa), read by every handshake of both listeners and by each new CAPIF-3 connection;
     * {@link #reloadCcfCa} swaps them.
     */
    private TrustAnchorSource ccfAnchors;
    private org.keygate.tls.expiry.CertificateExpiry expiry;
    private int anchorsWatched;
    private SbiServer capif2e;
    private SbiServer securityApi;
    private java.util.concurrent.ScheduledExecutorService expiryTimer;
    private volatile AefInterfaceId ownInterface;
    private volatile String apiId = "";
    private volatile String apiName = "";

    /** {@code host}: the IPv4 address the listener binds and publishes (loopback in a lab). */
    public ApiExposingFunction(ProviderFunction aef, CcfEndpoint ccf, String host, String apiPrefix) {
        this.aef = Objects.requireNonNull(aef, "aef");
        this.ccf = Objects.requireNonNull(ccf, "ccf");
        this.host = Objects.requireNonNull(host, "host");
        this.apiPrefix = Objects.requireNonNull(apiPrefix, "apiPrefix");
        this.ccfAnchors = TrustAnchorSource.of(List.of(ccf.ca()));
    }

    /**
     * The CCF's CA certificates to trust (default: the endpoint's one CA); during a CA roll-over the file holds the
     * old and the new (docs/CAPIF.md). Call before {@link #start}.
     */
    public ApiExposingFunction ccfAnchors(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("ccfAnchors: [] (expected: at least one CA certificate)");
        }
        this.ccfAnchors = TrustAnchorSource.of(anchors);
        return this;
    }

    /**
     * How long {@link #close} answers the requests in progress (default 20 s, as a SEPP's); also while running (a
     * reload, docs/CAPIF.md "Reload").
     */
    public ApiExposingFunction drainTimeout(java.time.Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("drainTimeout: " + timeout + " (expected: > 0)");
        }
        this.drainTimeout = timeout;
        return this;
    }

    /** The HTTP/2 windows both listeners advertise; call before {@link #start}. */
    public ApiExposingFunction h2(org.keygate.sbi.h2.H2Settings settings) {
        this.h2 = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Where both listeners count (SbiServer's request and connection metrics) and the AEF certificate's notAfter
     * ({@link CertificateExpiry}); call before {@link #start}. Default: a registry of its own.
     */
    public ApiExposingFunction meterRegistry(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
        return this;
    }

    /** Binds both listeners ({@code capif2ePort} 0: any free port). */
    public ApiExposingFunction start(int capif2ePort, int securityApiPort) {
        ccfConnection = new CcfConnection(ccf, ccfAnchors, aef.tls(), CCF_TIMEOUT);
        CcfSecurityFetch fetch = new CcfSecurityFetch(ccfConnection, () -> ownInterface, authorizations);
        invocationLog = new InvocationLogger(ccfConnection, aef.id(), meters);
        BcTlsServerConfig tls2e = BcTlsServerConfig.builder().keyMaterial(aef.tls())
                .clientAuth(ClientAuth.OPTIONAL, ccfAnchors).pskLookup(fetch)
                .cipherSuites(CAPIF_2E_SUITES).build();
        capif2e = SbiServer.builder().name("aef-capif-2e").bind(new InetSocketAddress(host, capif2ePort)).bcTls(tls2e)
                .h2(h2)
                .meterRegistry(meters).handler(new NorthboundApi(apiPrefix, () -> apiId, authorizations, fetch, executor,
                        new BearerTokens(ccfAnchors::current, java.time.Clock.systemUTC()), aef.id(), () -> apiName,
                        invocationLog, () -> ownInterface))
                .build().start();
        CertificateExpiry.register(meters, "aef", aef.tls().chain().getFirst());
        CertificateExpiry.register(meters, "ca", ccfAnchors.current().getFirst());
        watchExpiry();
        ownInterface = new AefInterfaceId(host, capif2e.localAddress().getPort(), apiPrefix);
        BcTlsServerConfig tls3 = BcTlsServerConfig.builder().keyMaterial(aef.tls())
                .clientAuth(ClientAuth.REQUIRED, ccfAnchors).build();
        securityApi = SbiServer.builder().name("aef-security").bind(new InetSocketAddress(host, securityApiPort))
                .bcTls(tls3).h2(h2).meterRegistry(meters).handler(new AefSecurityApi(authorizations, fetch, executor)).build().start();
        return this;
    }

    /**
     * Issue 18 item 3, as the CCF and a SEPP: {@code keygate_tls_certificate_expiry_seconds{role,name}} for the AEF's own
     * certificate ({@code own}/{@code aef}: CAPIF-3 to the CCF and every PKI handshake need it) and the CCF's CA
     * ({@code anchor}/{@code ca}), and a WARN line at 30, 7 and 1 days before a notAfter, once each (at start when
     * already within, then hourly).
     */
    private void watchExpiry() {
        expiryTimer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("aef-certificate-expiry").unstarted(r));
        expiry = new org.keygate.tls.expiry.CertificateExpiry(meters, java.time.Clock.systemUTC());
        expiry.watch("own", "aef", aef.tls().chain().getFirst());
        watchAnchors(ccfAnchors.current());
        expiry.start(expiryTimer);
    }

    /** One gauge per CCF CA: {@code ca} for the first (as before roll-overs), {@code ca[i]} for the others. */
    private void watchAnchors(List<X509Certificate> anchors) {
        for (int i = 0; i < anchors.size(); i++) {
            expiry.watch("anchor", anchorName(i), anchors.get(i));
        }
        for (int i = anchors.size(); i < anchorsWatched; i++) {
            expiry.forget("anchor", anchorName(i));
        }
        anchorsWatched = anchors.size();
    }

    private static String anchorName(int i) {
        return i == 0 ? "ca" : "ca[" + i + "]";
    }

    /** Connections closed because their client's chain no longer validates under the CCF's CAs, by listener. */
    static final String UNTRUSTED_CLOSED = "keygate_tls_untrusted_connections_closed_total";

    /**
     * A reload's new ccfCa (issue 18 item 1, docs/CAPIF.md "Reload"): every later handshake on both listeners checks
     * client certificates against {@code anchors}, and so does the next CAPIF-3 connection the CCF's certificate; the
     * kept CCF connection is re-established if the CCF's chain no longer validates under them. Established
     * connections whose client chain no longer validates are closed at once (their requests in progress are cut: the
     * operator withdrew trust in their issuer), one WARN line each; the others, and PSK connections, keep serving.
     *
     * @return what was applied, for the reload's answer
     */
    public String reloadCcfCa(List<X509Certificate> anchors) {
        ccfAnchors.swap(anchors); // refuses an empty list before anything changed
        java.util.Optional<String> ccfRetired = ccfConnection.anchorsChanged();
        int closed = 0;
        for (SbiServer listener : List.of(capif2e, securityApi)) {
            String name = listener == capif2e ? "CAPIF-2e" : "AEF security API";
            closed += listener.closeConnectionsIf(chain -> {
                java.util.Optional<String> why = ccfAnchors.untrustedNow(chain);
                why.ifPresent(w -> {
                    LOG.warn("AEF {}: closing a {} connection of {}: its certificate no longer validates under the"
                            + " reloaded ccfCa: {}", aef.id(), name, chain.getFirst().getSubjectX500Principal(), w);
                    meters.counter(UNTRUSTED_CLOSED, "listener", listener == capif2e ? "capif-2e" : "security")
                            .increment();
                });
                return why.isPresent();
            });
        }
        CertificateExpiry.replace(meters, "ca", anchors.getFirst());
        if (expiry != null) {
            watchAnchors(anchors);
        }
        return "ccfCa " + anchors.size() + " CA certificate(s), " + closed + " client connection(s) closed"
                + ccfRetired.map(w -> ", the CCF connection re-established").orElse("");
    }

    /** The interface to publish: this listener, with PSK, PKI and OAUTH. */
    public InterfaceDescription interfaceDescription() {
        return InterfaceDescription.ipv4(host, capif2e.localAddress().getPort(), apiPrefix,
                List.of(SecurityMethod.PSK, SecurityMethod.PKI, SecurityMethod.OAUTH));
    }

    /**
     * The API this AEF serves from now on: its apiId at the CCF and its name (OAuth scopes name it); again on a reload
     * that renamed it, once the CCF has the new name (each request reads the name once).
     */
    public void serve(String apiId, String apiName) {
        this.apiName = Objects.requireNonNull(apiName, "apiName");
        this.apiId = Objects.requireNonNull(apiId, "apiId");
    }

    /** The AEF's CCF-issued certificate. */
    public java.security.cert.X509Certificate certificate() {
        return aef.tls().chain().getFirst();
    }

    public String aefId() {
        return aef.id();
    }

    public InetSocketAddress capif2eAddress() {
        return capif2e.localAddress();
    }

    public InetSocketAddress securityApiAddress() {
        return securityApi.localAddress();
    }

    /**
     * Revokes an invoker's authorization for the API here (TS 29.222 5.6.2.4: the AEF asks the CCF, which notifies
     * the invoker), and closes its CAPIF-2e connections.
     */
    public void revoke(String invokerId, String cause) throws CapifCallException {
        ccfConnection.expect("revoke authorization", "POST", "/capif-security/v1/trustedInvokers/" + invokerId
                + "/delete", new SecurityNotification(invokerId, aef.id(), List.of(apiId), cause), 204);
        authorizations.revoke(invokerId);
    }

    /**
     * Revokes an invoker's authorization for all service APIs (TS 29.222 5.6.2.5.2: {@code DELETE} of its
     * trustedInvokers resource; the CCF notifies the invoker), and closes its CAPIF-2e connections here.
     */
    public void revokeAll(String invokerId) throws CapifCallException {
        ccfConnection.expect("revoke all authorizations", "DELETE", "/capif-security/v1/trustedInvokers/"
                + invokerId, null, 204);
        authorizations.revoke(invokerId);
    }

    /**
     * Sends the CAPIF-2e invocations logged since the last batch to the CCF now (TS 29.222 5.8.2.2) rather than at
     * the next period; completes when the CCF has answered (see {@link InvocationLogger}).
     */
    public java.util.concurrent.CompletableFuture<Void> flushInvocationLogs() {
        return invocationLog.flush();
    }

    /**
     * A draining stop (issue 18): both listeners stop accepting and send GOAWAY, the requests they took are answered
     * for at most the drain timeout (their CCF connection and the invocation log still open), then everything closes.
     */
    @Override
    public void close() {
        if (expiryTimer != null) {
            expiryTimer.shutdownNow();
        }
        List<SbiServer> servers = java.util.stream.Stream.of(capif2e, securityApi).filter(Objects::nonNull).toList();
        ServerDrain.drain("AEF " + aef.id(), servers, drainTimeout);
        if (capif2e != null) {
            capif2e.close();
        }
        if (securityApi != null) {
            securityApi.close();
        }
        executor.close();
        if (invocationLog != null) {
            invocationLog.close();
        }
        if (ccfConnection != null) {
            ccfConnection.close();
        }
    }
}
