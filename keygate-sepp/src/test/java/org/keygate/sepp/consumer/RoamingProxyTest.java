package org.keygate.sepp.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.EdgeSettings;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.labnf.AusfSettings;
import org.keygate.labnf.LabHomeNetwork;
import org.keygate.labnf.LabSubscriber;
import org.keygate.labnf.UdmSettings;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sbi.lab.FreePorts;

/**
 * The whole roaming path on loopback: a visited NF (our SBI client, curl, nghttp) asks its SEPP (999-99) for a 5G HE
 * AV; the SEPP routes by 3gpp-Sbi-Target-apiRoot, negotiates N32 on demand, forwards over N32-f in the mode the
 * handshake selected, and the home SEPP (001-01) delivers to the real lab UDM (MILENAGE) and back.
 */
class RoamingProxyTest {
    static final String UDM_ROOT = "http://udm.5gc.mnc001.mcc001.3gppnetwork.org";
    static final String SUPI = "imsi-001010000000001";
    static final String GENERATE = "/nudm-ueau/v1/" + SUPI + "/security-information/generate-auth-data";
    static final String BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}";

    @TempDir
    Path dir;

    LabHomeNetwork homeNfs;
    SeppNode home;
    SeppNode visited;
    SbiServer trap;
    final AtomicInteger trapped = new AtomicInteger();
    int visitedSbiPort;

    enum Mode { PRINS, TLS }

    TestSepps sepps;

    void start(Mode mode) throws Exception {
        start(mode, false);
    }

    void start(Mode mode, boolean sbiTls) throws Exception {
        sepps = new TestSepps(dir);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        homeNfs = LabHomeNetwork.start(UdmSettings.builder().apiRoot(UDM_ROOT).subscriber(LabSubscriber.of(SUPI,
                "465b5ce8b199b49faa5f0a2ee238a6bc", "cd63cb71954a9f4e48a5994e37a02baf", "8000", 0)).build(), any, any,
                udm -> AusfSettings.builder().apiRoot("http://ausf.5gc.mnc001.mcc001.3gppnetwork.org")
                        .udm(udm, "udm").build());
        // A listener that must never receive anything: a target outside every partner's PLMN points here.
        trap = SbiServer.builder().cleartext().bind(any).handler((r, c) -> {
            trapped.incrementAndGet();
            return java.util.concurrent.CompletableFuture.completedFuture(SbiResponse.noContent());
        }).build().start();
        List<SecurityCapability> priority = mode == Mode.PRINS ? TestSepps.PRINS_FIRST : TestSepps.TLS_FIRST;
        SeppConfig h = sepps.home(priority);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
                homeNfs.udmAddress())));
        visitedSbiPort = FreePorts.loopback(1)[0];
        SeppConfig v = TestSepps.withOwnNfListener(sepps.visited(priority), visitedSbiPort, sbiTls);
        // The home SEPP lets the visited partner call Nudm_UEAU only, whatever the visited SEPP allows its NFs.
        h = h.withEdge(new EdgeSettings(h.edge().routing(), h.edge().rateLimits(), h.edge().plmnIdCheck(),
                h.edge().topologyHiding(), java.util.Map.of("visited", Set.of("nudm-ueau"))));
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(v, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, home, homeNfs, trap}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private SbiResponse send(String path, String targetApiRoot, String body) throws Exception {
        return send(path, targetApiRoot, body, "sepp.5gc.mnc099.mcc999.3gppnetwork.org");
    }

    private SbiResponse send(String path, String targetApiRoot, String body, String authority) throws Exception {
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = client.connect(visited.sbiAddress().orElseThrow(), null).get(10, TimeUnit.SECONDS);
            SbiRequest r = new SbiRequest("POST", path, SbiHeaders.of("content-type", "application/json",
                    "3gpp-sbi-target-apiroot", targetApiRoot), body.getBytes(StandardCharsets.UTF_8));
            return c.send(r, authority, "http").get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aVisitedNfGetsAHomeAvThroughBothSepps(Mode mode) throws Exception {
        start(mode);
        SbiResponse r = send(GENERATE, UDM_ROOT, BODY);
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode av = SbiJson.read(r.body(), JsonNode.class).path("authenticationVector");
        assertThat(av.path("avType").asText()).isEqualTo("5G_HE_AKA");
        assertThat(av.path("rand").asText()).hasSize(32);
        assertThat(visited.contexts().current("home").orElseThrow().capability().toString()).isEqualTo(mode.name());
        // A second request reuses the context and the connections; the UDM's SQN moved on, so the AV is fresh.
        SbiResponse again = send(GENERATE, UDM_ROOT, BODY);
        assertThat(SbiJson.read(again.body(), JsonNode.class).path("authenticationVector").path("rand").asText())
                .isNotEqualTo(av.path("rand").asText());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void curlAndNghttpAsTheVisitedNfGetTheAv(Mode mode) throws Exception {
        start(mode);
        String url = "http://127.0.0.1:" + visitedSbiPort + GENERATE;
        String curl = run(List.of("curl", "-sS", "--http2-prior-knowledge", "-X", "POST",
                "-H", "content-type: application/json", "-H", "3gpp-Sbi-Target-apiRoot: " + UDM_ROOT,
                "--data", BODY, "-w", "\n%{http_code}", url));
        assertThat(curl).endsWith("\n200").contains("\"avType\":\"5G_HE_AKA\"");
        Path body = dir.resolve("body.json");
        java.nio.file.Files.writeString(body, BODY);
        String nghttp = run(List.of("nghttp", "-H", ":method: POST", "-H", "content-type: application/json",
                "-H", "3gpp-sbi-target-apiroot: " + UDM_ROOT, "-d", body.toString(), url));
        assertThat(nghttp).contains("\"avType\":\"5G_HE_AKA\"");
    }

    @org.junit.jupiter.api.Test
    void theOwnNfListenerAlsoSpeaksH2OverTlsWithTheSeppsCertificate() throws Exception {
        start(Mode.PRINS, true);
        String curl = run(List.of("curl", "-sS", "--http2", "--cacert",
                sepps.files.get("visited").caCert().toString(), "-X", "POST",
                "-H", "content-type: application/json", "-H", "3gpp-Sbi-Target-apiRoot: " + UDM_ROOT,
                "--data", BODY, "-w", "\n%{http_version} %{http_code}",
                "https://127.0.0.1:" + visitedSbiPort + GENERATE));
        assertThat(curl).endsWith("\n2 200").contains("\"avType\":\"5G_HE_AKA\"");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTargetOutsideThePartnersOrTheAllowlistNeverLeavesTheSepp(Mode mode) throws Exception {
        start(mode);
        String trapRoot = "http://127.0.0.1:" + trap.localAddress().getPort();
        SbiResponse unknownPlmn = send(GENERATE, trapRoot, BODY);
        assertThat(unknownPlmn.status()).isBetween(400, 499);
        SbiResponse otherPlmn = send(GENERATE, "http://udm.5gc.mnc077.mcc777.3gppnetwork.org", BODY);
        assertThat(otherPlmn.status()).isBetween(400, 499);
        SbiResponse notAllowed = send("/nudm-uecm/v1/" + SUPI + "/registrations", UDM_ROOT, "{}");
        assertThat(notAllowed.status()).isBetween(400, 499);
        assertThat(SbiJson.read(notAllowed.body(), ProblemDetails.class).cause()).isNotBlank();
        assertThat(trapped).hasValue(0);
        // Nothing was negotiated for them either.
        assertThat(visited.contexts().current("home")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aTelescopicAuthorityDecidesAndContradictionsOrOtherSeppsDomainsAreRefused() throws Exception {
        start(Mode.PRINS);
        // TS 33.517 4.2.2.9. This SEPP's telescopic FQDN for the home UDM, with a header naming another home NF.
        String ownTelescopic = "udm-5gc-mnc001-mcc001-3gppnetwork-org.sepp.5gc.mnc099.mcc999.3gppnetwork.org";
        SbiResponse mismatch = send(GENERATE, "https://udm2.5gc.mnc001.mcc001.3gppnetwork.org", BODY,
                ownTelescopic);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(SbiJson.read(mismatch.body(), ProblemDetails.class).invalidParams().getFirst().reason())
                .isEqualTo("TARGET_MISMATCH");
        // Another SEPP's telescopic domain, with a header this SEPP would otherwise follow.
        String othersTelescopic = "udm-5gc-mnc001-mcc001-3gppnetwork-org.sepp.5gc.mnc070.mcc999.3gppnetwork.org";
        SbiResponse foreign = send(GENERATE, UDM_ROOT, BODY, othersTelescopic);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(SbiJson.read(foreign.body(), ProblemDetails.class).invalidParams().getFirst().reason())
                .isEqualTo("FOREIGN_TELESCOPIC_DOMAIN");
        // Neither left the SEPP: nothing was negotiated for them.
        assertThat(visited.contexts().current("home")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theHomeSeppRefusesAnApiOutsideThePartnersInboundAllowlist(Mode mode) throws Exception {
        start(mode);
        SbiResponse r = send("/nudm-sdm/v2/" + SUPI + "/am-data", UDM_ROOT, "{}");
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(SbiJson.read(r.body(), ProblemDetails.class).cause()).isEqualTo("INVALID_API");
        // It did cross N32-f: the visited SEPP allows it, the home SEPP does not.
        assertThat(visited.contexts().current("home")).isPresent();
        assertThat(home.meters().find("keygate_sepp_edge_checks_total").tag("check", "inbound_target")
                .tag("outcome", "api_not_allowed").counter()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aHomeSeppThatIsGoneGivesAClearErrorAndTrafficResumesWhenItIsBack(Mode mode) throws Exception {
        start(mode);
        assertThat(send(GENERATE, UDM_ROOT, BODY).status()).isEqualTo(200);
        SeppConfig homeConfig = home.config();
        home.close();
        SbiResponse during = send(GENERATE, UDM_ROOT, BODY);
        assertThat(during.status()).isGreaterThanOrEqualTo(500);
        assertThat(SbiJson.read(during.body(), ProblemDetails.class).cause()).isNotBlank();
        home = SeppNode.start(homeConfig, Clock.systemUTC());
        // The old context is gone on the home side: the first answer may be a refusal that ends it on ours.
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            status = send(GENERATE, UDM_ROOT, BODY).status();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).isEqualTo(200);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not finish");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
