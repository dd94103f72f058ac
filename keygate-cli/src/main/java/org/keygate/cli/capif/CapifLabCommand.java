package org.keygate.cli.capif;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.OnboardingCredential;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.AefProfile;
import org.keygate.capif.model.CapifEvent;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.model.Resource;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.model.Version;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.CapifStore;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.bc.TlsVersion;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif lab}: CCF and AEF on loopback, the AMF subscribed to CAPIF events, then an API invoker
 * through onboarding with an onboarding credential, discovery, PSK
 * selection on a CAPIF-1e TLS 1.2 session, the CAPIF-2e call with TLS-PSK, a revocation by the AEF (with the
 * invoker notified), and a last call that must be refused. Prints each step with the PSK identity and the AEFPSK's
 * SHA-256 fingerprint (never the key); exits 0 only if every step behaved.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run CCF, AEF and an API invoker on loopback through CAPIF-2e TLS-PSK and a revocation.")
public final class CapifLabCommand implements Callable<Integer> {
    /** The lab's provider registration secret: a lab value, printed nowhere. */
    private static final String LAB_REG_SEC = "keygate-capif-lab-registration";

    @Option(names = "--dir", description = "Keep the CCF's CA and store here (default: in memory only).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Show the functions' INFO logs.")
    boolean verbose;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(Level.WARN);
        }
        LabStep step = new LabStep(out);
        LinkedBlockingQueue<SbiRequest> notifications = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<SbiRequest> events = new LinkedBlockingQueue<>();
        CcfCertificateAuthority ca = dir == null
                ? CcfCertificateAuthority.create("keygate CAPIF lab CCF", Duration.ofDays(1), Clock.systemUTC())
                : CcfCertificateAuthority.openOrCreate(Files.createDirectories(dir), "keygate CAPIF lab CCF",
                        Duration.ofDays(30), Clock.systemUTC());
        try (CapifStore store = dir == null ? MvCapifStore.inMemory() : MvCapifStore.open(dir.resolve("ccf.mv"));
                SbiServer sink = SbiServer.builder().name("invoker-notifications")
                        .bind(new InetSocketAddress("127.0.0.1", 0)).cleartext().handler((r, c) -> {
                            (r.pathWithoutQuery().equals("/events") ? events : notifications).add(r);
                            return CompletableFuture.completedFuture(SbiResponse.noContent());
                        }).build().start();
                CapifCoreFunction ccf = CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                        .store(store).ca(ca).registrationSecret(LAB_REG_SEC).onboardingCredentialRequired(true).build()
                        .start()) {
            out.println("keygate capif lab: CAPIF core function, API exposing function and API invoker on loopback");
            CcfEndpoint endpoint = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
            step.ok("CCF started (CAPIF-1e, CAPIF-3)", "https://localhost:" + ccf.localAddress().getPort()
                    + ", store " + (dir == null ? "in memory" : dir.resolve("ccf.mv")));

            ProviderDomain domain = ProviderDomain.register(endpoint, LAB_REG_SEC, "localhost");
            step.ok("provider domain registered", "AEF " + domain.aef().id());
            try (ApiExposingFunction aef = new ApiExposingFunction(domain.aef(), endpoint, "127.0.0.1", "/nef-demo")
                    .start(0, 0)) {
                AefInterfaceId iface = aef.interfaceDescription().aefInterfaceId();
                ServiceAPIDescription api = domain.publish(endpoint, new ServiceAPIDescription("nef-demo", null,
                        List.of(new AefProfile(aef.aefId(), List.of(new Version("v1", null, List.of(new Resource(
                                "hello", "REQUEST_RESPONSE", "/hello", List.of("GET"))))), "HTTP_1_1", "JSON", null,
                                null, List.of(aef.interfaceDescription()))), "keygate sample API", null, "demo", null,
                        null));
                aef.serve(api.apiId(), api.apiName());
                step.ok("AEF started, API published", "CAPIF-2e " + iface.text() + ", apiId " + api.apiId());
                String base = "http://127.0.0.1:" + sink.localAddress().getPort();
                subscribeToEvents(step, endpoint, domain, base + "/events");
                try (LabEventSocket socket = LabEventSocket.open(step, endpoint, domain)) {
                    String credential = OnboardingCredential.issue(ca, "keygate capif lab invoker", List.of("nef-demo"),
                            Duration.ofHours(1), Clock.systemUTC());
                    step.ok("onboarding credential issued", "JWS signed by the CCF's CA, for \"keygate capif lab"
                            + " invoker\", APIs [nef-demo], valid 1 h");
                    try {
                        ApiInvoker.onboard(endpoint, base + "/notifications", "no credential").close();
                        step.failed("onboarding without a credential refused", "onboarded");
                    } catch (CapifCallException refused) {
                        step.check(refused.getMessage().contains("ONBOARDING_CREDENTIAL_REQUIRED"),
                                "onboarding without a credential refused", refused.getMessage());
                    }
                    return runInvoker(step, endpoint, domain, aef, iface, api, notifications, events, socket,
                            base + "/notifications", credential);
                }
            }
        }
    }

    /** The AMF subscribes to invoker events (CAPIF_Events_API), with Enhanced_event_report for the detail. */
    private static void subscribeToEvents(LabStep step, CcfEndpoint endpoint, ProviderDomain domain,
            String destination) throws CapifCallException {
        try (CcfSession s = CcfSession.open(endpoint, domain.amf().tls(), false)) {
            s.expect("event subscription", "POST", "/capif-events/v1/" + domain.amf().id() + "/subscriptions",
                    new EventSubscription(List.of(CapifEvent.API_INVOKER_ONBOARDED,
                            CapifEvent.API_INVOKER_AUTHORIZATION_REVOKED), null, null, destination, null, null, "4"),
                    201, EventSubscription.class);
        }
        step.ok("AMF subscribed to CAPIF events", "API_INVOKER_ONBOARDED, API_INVOKER_AUTHORIZATION_REVOKED");
    }

    /** The next event at the AMF's endpoint, as a step. */
    private static void expectEvent(LabStep step, LinkedBlockingQueue<SbiRequest> events, String event,
            String invokerId) throws InterruptedException {
        SbiRequest r = events.poll(10, TimeUnit.SECONDS);
        EventNotification n = r == null ? null : SbiJson.read(r.body(), EventNotification.class);
        boolean ok = n != null && event.equals(n.events()) && n.eventDetail() != null
                && n.eventDetail().apiInvokerIds() != null && n.eventDetail().apiInvokerIds().contains(invokerId);
        step.check(ok, "event notification to the AMF", n == null ? "none within 10 s"
                : n.events() + " " + (n.eventDetail() == null ? "" : n.eventDetail().apiInvokerIds()));
    }

    private int runInvoker(LabStep step, CcfEndpoint endpoint, ProviderDomain domain, ApiExposingFunction aef,
            AefInterfaceId iface, ServiceAPIDescription api, LinkedBlockingQueue<SbiRequest> notifications,
            LinkedBlockingQueue<SbiRequest> events, LabEventSocket socket, String notificationUri, String credential)
            throws Exception {
        try (ApiInvoker invoker = ApiInvoker.onboard(endpoint, notificationUri, "keygate capif lab invoker",
                credential)) {
            step.ok("invoker onboarded with its credential",
                    "apiInvokerId " + invoker.id());
            expectEvent(step, events, CapifEvent.API_INVOKER_ONBOARDED, invoker.id());
            socket.expectOnboarded(step, invoker.id());

            DiscoveredAPIs found = invoker.discover("api-name=nef-demo");
            boolean discovered = found.serviceAPIDescriptions() != null && found.serviceAPIDescriptions().stream()
                    .anyMatch(d -> api.apiId().equals(d.apiId()));
            step.check(discovered, "discovery", discovered ? "nef-demo at " + iface.text() : "nef-demo not found");

            String[] sessionId = {""};
            invoker.observeCapif1eSessions(s -> sessionId[0] = s.version().jdkName() + ", session ID "
                    + s.sessionIdHex());
            ServiceSecurity sel = invoker.requestSecurity(List.of(new SecurityInformation(aef.interfaceDescription(),
                    null, null, List.of(SecurityMethod.PSK, SecurityMethod.PKI), null, null, null)));
            SecurityMethod chosen = sel.securityInfo().getFirst().selSecurityMethod();
            step.check(SecurityMethod.PSK.equals(chosen), "security method selected",
                    chosen.value() + " (CAPIF-1e " + sessionId[0] + ")");

            SecretBytes psk = invoker.aefPsk(iface).orElseThrow();
            String ccfFingerprint = ccfFingerprint(endpoint, domain, invoker.id());
            step.check(psk.sha256Fingerprint().equals(ccfFingerprint), "AEFPSK derived by invoker and CCF",
                    "identity " + invoker.id());
            step.info("AEFPSK SHA-256 fingerprint: invoker " + psk.sha256Fingerprint());
            step.info("                            CCF     " + ccfFingerprint);

            SbiResponse first = invoker.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2);
            step.check(first.status() == 200, "CAPIF-2e call over TLS-PSK (TLS 1.2)",
                    first.status() + " " + new String(first.body(), java.nio.charset.StandardCharsets.UTF_8));

            aef.revoke(invoker.id(), SecurityNotification.UNEXPECTED_REASON);
            SbiRequest n = notifications.poll(10, TimeUnit.SECONDS);
            SecurityNotification note = n == null ? null : SbiJson.read(n.body(), SecurityNotification.class);
            step.check(note != null && invoker.id().equals(note.apiInvokerId()), "revocation by the AEF, invoker notified",
                    note == null ? "no notification within 10 s" : "cause " + note.cause());
            expectEvent(step, events, CapifEvent.API_INVOKER_AUTHORIZATION_REVOKED, invoker.id());

            try {
                SbiResponse after = invoker.callWithPsk(iface, "/hello", TlsVersion.TLS_1_2);
                step.failed("CAPIF-2e call after revocation refused", "answered " + after.status());
            } catch (CapifCallException refused) {
                step.check(refused.getMessage().contains("unknown_psk_identity"),
                        "CAPIF-2e call after revocation refused", rootAlert(refused.getMessage()));
            }
        }
        out.println();
        out.println(step.allBehaved() ? "keygate capif lab: OK, every step behaved"
                : "keygate capif lab: FAILED, a step misbehaved");
        return step.allBehaved() ? 0 : 1;
    }

    /** What the CCF hands the AEF over CAPIF-3, fingerprinted (the AEF's own credentials, as it would ask). */
    private static String ccfFingerprint(CcfEndpoint endpoint, ProviderDomain domain, String invokerId)
            throws CapifCallException {
        try (CcfSession s = CcfSession.open(endpoint, domain.aef().tls(), false)) {
            ServiceSecurity forAef = s.expect("security information for the AEF", "GET",
                    "/capif-security/v1/trustedInvokers/" + invokerId + "?authenticationInfo=true", null, 200,
                    ServiceSecurity.class);
            byte[] k = Base64.getDecoder().decode(forAef.securityInfo().getFirst().authenticationInfo());
            SecretBytes key = SecretBytes.copyOf(k);
            java.util.Arrays.fill(k, (byte) 0);
            try {
                return key.sha256Fingerprint();
            } finally {
                key.destroy();
            }
        }
    }

    private static String rootAlert(String message) {
        int i = message.indexOf("alert ");
        return i < 0 ? message : message.substring(i);
    }

}
