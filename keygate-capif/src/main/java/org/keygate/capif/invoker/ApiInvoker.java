package org.keygate.capif.invoker;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.http.BcHttpClient;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;
import org.keygate.capif.model.AccessTokenErr;
import org.keygate.capif.model.AccessTokenRsp;
import org.keygate.sbi.json.SbiJson;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.OnboardingInformation;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.capif.AefPsk;
import org.keygate.crypto.capif.TlsSessionId;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * An onboarded API invoker. Each step either returns what the CCF or AEF answered or throws a
 * {@link CapifCallException} naming the step and the refusal (status and ProblemDetails cause, or the TLS alert).
 *
 * <p>AEFPSK: {@link #requestSecurity} runs on a fresh CAPIF-1e connection limited to TLS 1.2 (DESIGN.md); right
 * after the CCF answers, the invoker derives AEFPSK for every interface where PSK was selected (TS 33.122 5.2.2.1
 * step 2) and destroys its copy of the master secret. A new request rotates the keys, as the CCF does.
 */
public final class ApiInvoker implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final CcfEndpoint ccf;
    private final String id;
    private final TlsKeyMaterial tls;
    private final String notificationDestination;
    private final Map<AefInterfaceId, SecretBytes> psks = new HashMap<>();
    private Consumer<BcTlsSession> capif1eObserver = s -> {};
    private boolean hasSecurityContext;

    private ApiInvoker(CcfEndpoint ccf, String id, TlsKeyMaterial tls, String notificationDestination) {
        this.ccf = ccf;
        this.id = id;
        this.tls = tls;
        this.notificationDestination = notificationDestination;
    }

    /** Onboards (TS 29.222 8.4.2.2.3.1): server-authenticated TLS, a fresh P-256 key, its CSR, the CCF's certificate. */
    public static ApiInvoker onboard(CcfEndpoint ccf, String notificationDestination, String information)
            throws CapifCallException, GeneralSecurityException {
        return onboard(ccf, notificationDestination, information, null);
    }

    /**
     * Onboards presenting {@code onboardingCredential} (TS 29.222 5.5.2.2 NOTE 4: issued by the API provider
     * domain; null: none) as {@code Authorization: Bearer}.
     */
    public static ApiInvoker onboard(CcfEndpoint ccf, String notificationDestination, String information,
            String onboardingCredential) throws CapifCallException, GeneralSecurityException {
        CsrRequester key = CsrRequester.create("api-invoker");
        APIInvokerEnrolmentDetails out;
        try (CcfSession s = CcfSession.open(ccf, null, false)) {
            SbiHeaders headers = SbiHeaders.of("content-type", "application/json");
            if (onboardingCredential != null) {
                headers = headers.with("authorization", "Bearer " + onboardingCredential);
            }
            SbiResponse r = s.send("onboarding", new SbiRequest("POST", "/api-invoker-management/v1/onboardedInvokers",
                    headers, SbiJson.write(new APIInvokerEnrolmentDetails(null,
                            OnboardingInformation.request(key.csrPem()), notificationDestination, null, null,
                            information, null))));
            if (r.status() != 201) {
                throw CcfSession.refusal("onboarding", r);
            }
            out = SbiJson.read(r.body(), APIInvokerEnrolmentDetails.class);
        }
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(out.onboardingInformation().apiInvokerCertificate()
                        .getBytes(StandardCharsets.US_ASCII)));
        return new ApiInvoker(ccf, out.apiInvokerId(), new TlsKeyMaterial(key.keyPair().getPrivate(),
                List.of(cert, ccf.ca())), notificationDestination);
    }

    /**
     * An invoker onboarded earlier, from its saved ID, key and CCF-issued certificate ({@link #credentials()}). Its
     * first security request is a PUT, which replaces any context the CCF still holds.
     */
    public static ApiInvoker restore(CcfEndpoint ccf, String id, TlsKeyMaterial credentials,
            String notificationDestination) {
        return new ApiInvoker(Objects.requireNonNull(ccf, "ccf"), Objects.requireNonNull(id, "id"),
                Objects.requireNonNull(credentials, "credentials"),
                Objects.requireNonNull(notificationDestination, "notificationDestination"));
    }

    public String id() {
        return id;
    }

    /** The invoker's key and certificate chain, to save it (the key is the caller's to protect). */
    public TlsKeyMaterial credentials() {
        return tls;
    }

    /**
     * For audits and tests (e.g. recomputing AEFPSK independently): sees each CAPIF-1e session, master secret
     * included, before the invoker derives AEFPSK from it and destroys its copy.
     */
    public void observeCapif1eSessions(Consumer<BcTlsSession> observer) {
        this.capif1eObserver = Objects.requireNonNull(observer, "observer");
    }

    /** Discover (TS 29.222 8.1.2.2.3.1) with extra query parameters, e.g. {@code "api-name=nef-demo"}. */
    public DiscoveredAPIs discover(String query) throws CapifCallException {
        try (CcfSession s = CcfSession.open(ccf, tls, false)) {
            return s.expect("discovery", "GET", "/service-apis/v1/allServiceAPIs?api-invoker-id=" + id
                    + (query.isEmpty() ? "" : "&" + query), null, 200, DiscoveredAPIs.class);
        }
    }

    /**
     * The security method request (TS 29.222 8.5.2.3.3.3 PUT, or the update custom operation once a context
     * exists), on a fresh CAPIF-1e TLS 1.2 session; derives AEFPSK where the CCF selected PSK.
     */
    public ServiceSecurity requestSecurity(List<SecurityInformation> preferences) throws CapifCallException {
        try (CcfSession s = CcfSession.open(ccf, tls, true)) {
            BcTlsSession session = s.session();
            ServiceSecurity req = new ServiceSecurity(preferences, notificationDestination, null, null);
            String path = "/capif-security/v1/trustedInvokers/" + id;
            ServiceSecurity answer = hasSecurityContext
                    ? s.expect("security method update", "POST", path + "/update", req, 200, ServiceSecurity.class)
                    : s.expect("security method request", "PUT", path, req, 201, ServiceSecurity.class);
            hasSecurityContext = true;
            capif1eObserver.accept(session);
            derive(session, preferences, answer);
            return answer;
        }
    }

    private void derive(BcTlsSession session, List<SecurityInformation> preferences, ServiceSecurity answer) {
        psks.values().forEach(SecretBytes::destroy);
        psks.clear();
        SecretBytes master = session.masterSecret().orElseThrow(() -> new IllegalStateException(
                "the CAPIF-1e session kept no master secret"));
        try {
            for (int i = 0; i < answer.securityInfo().size(); i++) {
                SecurityInformation s = answer.securityInfo().get(i);
                if (!SecurityMethod.PSK.equals(s.selSecurityMethod())) {
                    continue;
                }
                // The answer names the interface as the request did; with aefId, the invoker's own
                // preference entry (same position) must carry the interface it means to call.
                var iface = s.interfaceDetails() != null ? s.interfaceDetails() : preferences.get(i).interfaceDetails();
                if (iface == null) {
                    throw new IllegalStateException("PSK selected for an interface the invoker cannot name: request"
                            + " security with interfaceDetails");
                }
                AefInterfaceId aef = iface.aefInterfaceId();
                psks.put(aef, AefPsk.derive(master, aef, new TlsSessionId(session.sessionId())));
            }
        } finally {
            master.destroy();
        }
    }

    /** The AEFPSK for {@code aef} from the last security request. */
    public Optional<SecretBytes> aefPsk(AefInterfaceId aef) {
        return Optional.ofNullable(psks.get(aef));
    }

    /** A CAPIF-2e GET with TLS-PSK (identity = this invoker's ID) at {@code version}. */
    public SbiResponse callWithPsk(AefInterfaceId aef, String path, TlsVersion version) throws CapifCallException {
        SecretBytes k = aefPsk(aef).orElseThrow(() -> new CapifCallException("CAPIF-2e call", 0, null,
                "no AEFPSK for " + aef.text() + ": request security with PSK first"));
        return callAef(aef, path, BcTlsClientConfig.builder().versions(version).psk(new ExternalPsk(id, k))
                .cipherSuites(version == TlsVersion.TLS_1_2 ? List.of("TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",
                        "TLS_PSK_WITH_AES_128_GCM_SHA256") : List.of("TLS_AES_128_GCM_SHA256")).build(),
                SbiHeaders.empty());
    }

    /**
     * An OAuth access token (TS 29.222 8.5.2.4, client credentials) for {@code apiName} at {@code aefId}, asked on
     * a mutual-TLS connection to the CCF.
     */
    public AccessTokenRsp requestToken(String aefId, String apiName) throws CapifCallException {
        String form = "grant_type=client_credentials&client_id=" + enc(id) + "&scope=" + enc("3gpp#" + aefId + ":"
                + apiName);
        try (CcfSession s = CcfSession.open(ccf, tls, false)) {
            SbiResponse r = s.send("access token", new SbiRequest("POST", "/capif-security/v1/securities/" + id
                    + "/token", SbiHeaders.of("content-type", "application/x-www-form-urlencoded"),
                    form.getBytes(StandardCharsets.US_ASCII)));
            if (r.status() != 200) {
                AccessTokenErr err = r.body().length == 0 ? null : SbiJson.read(r.body(), AccessTokenErr.class);
                throw new CapifCallException("access token", r.status(), err == null ? null : err.error(),
                        err == null ? null : err.errorDescription());
            }
            return SbiJson.read(r.body(), AccessTokenRsp.class);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A CAPIF-2e GET with a CCF access token over server-authenticated TLS (TS 33.122 6.5.2.3, OAuth). */
    public SbiResponse callWithToken(AefInterfaceId aef, String serverName, String path, String accessToken)
            throws CapifCallException {
        return callAef(aef, path, BcTlsClientConfig.builder().trustAnchors(List.of(ccf.ca())).serverName(serverName)
                .build(), SbiHeaders.of("authorization", "Bearer " + accessToken));
    }

    /** A CAPIF-2e GET with this invoker's CCF-issued certificate (TS 33.122 6.5.2.2, PKI). */
    public SbiResponse callWithCertificate(AefInterfaceId aef, String serverName, String path)
            throws CapifCallException {
        return callAef(aef, path, BcTlsClientConfig.builder().trustAnchors(List.of(ccf.ca())).serverName(serverName)
                .keyMaterial(tls).build(), SbiHeaders.empty());
    }

    private SbiResponse callAef(AefInterfaceId aef, String path, BcTlsClientConfig config, SbiHeaders headers)
            throws CapifCallException {
        String host = aef.host().startsWith("[") ? aef.host().substring(1, aef.host().length() - 1) : aef.host();
        try (BcHttpClient client = new BcHttpClient(TIMEOUT)) {
            BcHttpClient.Connection c = client.connect(new InetSocketAddress(host, aef.port()), config)
                    .get(TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            try {
                return c.send(new SbiRequest("GET", aef.apiPrefix() + path, headers, null))
                        .get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            } finally {
                c.close();
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CapifCallException("CAPIF-2e call to " + aef.text(), e);
        }
    }

    /** Forgets the derived keys. */
    @Override
    public void close() {
        psks.values().forEach(SecretBytes::destroy);
        psks.clear();
    }

    @Override
    public String toString() {
        return "ApiInvoker[" + id + "]";
    }
}
