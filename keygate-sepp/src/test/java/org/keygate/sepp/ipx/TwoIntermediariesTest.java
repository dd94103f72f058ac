package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.sepp.n32f.forward.N32fWireTap;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.ipx.node.IpxFixtures;
import org.keygate.ipx.node.IpxNode;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ModificationRule;
import org.keygate.ipx.node.ServedSepp;

/**
 * TS 33.501 13.2.4.5.2 with both operators' RIs, every node real on loopback: vSEPP -> vIPX (the visited operator's,
 * cIPX) -> hIPX (the home operator's, pIPX) -> hSEPP, and the answer back the same way. Each SEPP announces its own
 * IPX's key over N32-c; the request is modified by the cIPX, then the pIPX, the answer by the pIPX, then the cIPX,
 * and each receiving SEPP verifies both JWS (the partner's RI with the keys the partner announced, its own with its
 * configured ones) and applies both patches in order. The second RI's {@code test} operations hold only on the first
 * RI's result, so a patch applied out of order, or computed on the original, is refused.
 */
class TwoIntermediariesTest {
    static final String V_IPX = "ipx.visited-hub.example.org";
    static final String H_IPX = "ipx.home-hub.example.org";
    static final String SNN = "5G:mnc099.mcc999.3gppnetwork.org";
    static final String SNN_BY_CIPX = "5G:mnc098.mcc999.3gppnetwork.org";
    static final String SNN_BY_PIPX = "5G:mnc097.mcc999.3gppnetwork.org";
    static final String SUPI = "imsi-999990000000001";
    static final String ANSWER_PATH = "/nudm-ueau/v1/*/security-information/generate-auth-data";

    @TempDir
    Path dir;

    TestSepps sepps;
    Hub visitedHub;
    Hub homeHub;
    SeppNode home;
    SeppNode visited;
    IpxNode vIpx;
    IpxNode hIpx;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();
    final List<N32fReformattedReqMsg> arrivedAtHome = new CopyOnWriteArrayList<>();
    final List<N32fReformattedRspMsg> answersAtVisited = new CopyOnWriteArrayList<>();

    /** One operator's IPX: its own root CA, TLS certificate, signing key and port. */
    record Hub(String id, LabCa root, TlsKeyMaterial tls, KeyPair signing, int port) {
        static Hub create(String id) throws Exception {
            LabCa root = LabCa.create("keygate test root of " + id, Duration.ofDays(2));
            LabCa.Issued i = root.issue(List.of(id, "localhost"), List.of(InetAddress.getLoopbackAddress()));
            return new Hub(id, root, new TlsKeyMaterial(i.keyPair().getPrivate(), List.of(i.certificate(),
                    root.certificate())), IpxFixtures.p256(), FreePorts.loopback(1)[0]);
        }

        X509Certificate ca() {
            return root.certificate();
        }

        RoamingIntermediary asIntermediary() {
            return new RoamingIntermediary(id, id, IpxLab.loopback(port), ca(), true);
        }

        IpxProviderSecInfo announced(KeyPair key) {
            return new IpxProviderSecInfo(id, List.of(Base64.getEncoder().encodeToString(key.getPublic()
                    .getEncoded())), null);
        }

        ServedSepp.Intermediary asVia() {
            return new ServedSepp.Intermediary(id, ca());
        }
    }

    @BeforeEach
    void lab() throws Exception {
        sepps = new TestSepps(dir);
        visitedHub = Hub.create(V_IPX);
        homeHub = Hub.create(H_IPX);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {visited, vIpx, hIpx, home}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * The policy both operators agreed (TS 33.501 13.2.3.6 NOTE 1): the default one, plus servingNetworkName in
     * generate-auth-data requests and authType in its answers, modifiable by both IPXs.
     */
    static ProtectionPolicy policy() {
        ProtectionPolicy d = DefaultProtectionPolicy.get();
        List<ApiIeMapping> apis = new ArrayList<>(d.apiIeMappingList());
        apis.add(new ApiIeMapping(new TextNode(IpxLab.GENERATE_AUTH_DATA), "POST", List.of(new IeInfo("BODY",
                "NONSENSITIVE", "/servingNetworkName", "/authType", false, Map.of(V_IPX, true, H_IPX, true)))));
        return new ProtectionPolicy(apis, d.dataTypeEncPolicy());
    }

    private SeppConfig seppConfig(SeppConfig base, Hub own, KeyPair announcedKey) {
        return IpxLab.with(base, policy(), List.of(own.announced(announcedKey)), own.asIntermediary());
    }

    private static ObjectNode op(String op, String path, String value) {
        return SbiJson.mapper().createObjectNode().put("op", op).put("path", path).put("value", value);
    }

    private static ModificationRule rule(ModificationRule.Message message, JsonNode... ops) {
        return new ModificationRule(Optional.of("POST"), ANSWER_PATH, List.of(ops), message);
    }

    private static IpxNodeConfig.Modifications modifications(KeyPair key, ModificationRule... rules) {
        return new IpxNodeConfig.Modifications((ECPrivateKey) key.getPrivate(), new ModificationPolicy(List.of(
                "/payload/*/value/servingNetworkName", "/payload/*/value/authType")), List.of(rules));
    }

    /**
     * An IPX serving its own operator's SEPP directly ({@code ri}) and reaching the other through the other IPX.
     */
    private IpxNodeConfig ipx(Hub self, Hub other, String own, boolean ownRi, KeyPair signingKey,
            ModificationRule... rules) throws Exception {
        int homePort = sepps.homeN32fPort;
        int visitedPort = sepps.visitedN32fPort;
        String homeAuthority = TestSepps.HOME_PLMN.seppFqdn() + ":" + homePort;
        String visitedAuthority = TestSepps.VISITED_PLMN.seppFqdn() + ":" + visitedPort;
        boolean homeIsOwn = own.equals("home");
        ServedSepp homeSepp = new ServedSepp("home", List.of(TestSepps.HOME_PLMN), ca("home"),
                Optional.of(homeIsOwn ? new ServedSepp.NextHop(homeAuthority, IpxLab.loopback(homePort))
                        : new ServedSepp.NextHop(homeAuthority, IpxLab.loopback(other.port()),
                                Optional.of(other.asVia()))), homeIsOwn && ownRi);
        ServedSepp visitedSepp = new ServedSepp("visited", List.of(TestSepps.VISITED_PLMN), ca("visited"),
                Optional.of(!homeIsOwn ? new ServedSepp.NextHop(visitedAuthority, IpxLab.loopback(visitedPort))
                        : new ServedSepp.NextHop(visitedAuthority, IpxLab.loopback(other.port()),
                                Optional.of(other.asVia()))), !homeIsOwn && ownRi);
        return new IpxNodeConfig(self.id(), self.id(), TestSepps.listener(self.port()), Optional.empty(), self.tls(),
                List.of("TLSv1.3", "TLSv1.2"), List.of(homeSepp, visitedSepp),
                Optional.of(modifications(signingKey, rules)), Duration.ofSeconds(10),
                IpxNodeConfig.DEFAULT_MAX_ANSWER_BODY_BYTES);
    }

    /** The cIPX's rules: servingNetworkName on the request; on the answer, only a test of the pIPX's result. */
    private ModificationRule[] cIpxRules() {
        return new ModificationRule[] {
            rule(ModificationRule.Message.REQUEST, op("replace", "/servingNetworkName", SNN_BY_CIPX)),
            rule(ModificationRule.Message.ANSWER, op("test", "/authType", "5G_AKA"))};
    }

    /** The pIPX's rules: the request after the cIPX's patch; authType on the answer. */
    private ModificationRule[] pIpxRules() {
        return new ModificationRule[] {
            rule(ModificationRule.Message.REQUEST, op("test", "/servingNetworkName", SNN_BY_CIPX),
                    op("replace", "/servingNetworkName", SNN_BY_PIPX)),
            rule(ModificationRule.Message.ANSWER, op("replace", "/authType", "5G_AKA"))};
    }

    private X509Certificate ca(String sepp) throws Exception {
        return org.keygate.tls.jsse.PemFiles.readCertificates(sepps.files.get(sepp).caCert()).getFirst();
    }

    private void start(SeppConfig homeConfig, IpxNodeConfig hIpxConfig) throws Exception {
        start(homeConfig, hIpxConfig, cIpxRules());
    }

    private void start(SeppConfig homeConfig, IpxNodeConfig hIpxConfig, ModificationRule... cIpxRules)
            throws Exception {
        home = SeppNode.start(homeConfig, Clock.systemUTC(), this::answer);
        hIpx = IpxNode.start(hIpxConfig);
        vIpx = IpxNode.start(ipx(visitedHub, homeHub, "visited", true, visitedHub.signing(), cIpxRules));
        visited = SeppNode.start(seppConfig(sepps.visited(TestSepps.PRINS_FIRST), visitedHub, visitedHub.signing()),
                Clock.systemUTC(), this::answer);
        home.tapN32f(new N32fWireTap() {
            @Override
            public void received(PeerSepp peer, N32fReformattedReqMsg request) {
                arrivedAtHome.add(request);
            }
        });
        visited.tapN32f(new N32fWireTap() {
            @Override
            public void answered(PeerSepp peer, N32fReformattedRspMsg response) {
                answersAtVisited.add(response);
            }
        });
        visited.establish("home").get(30, TimeUnit.SECONDS);
    }

    /** The home NF: answers generate-auth-data with EAP-AKA' as authType, an AV and the SUPI. */
    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode body = SbiJson.mapper().createObjectNode().put("authType", "EAP_AKA_PRIME");
        body.putObject("authenticationVector").put("avType", "EAP_AKA_PRIME")
                .put("rand", "0c5a7e6f3fe61a3d3f4e2bd6a2f0a6c1").put("xres", "1b1e7aa6c4f2a6f3")
                .put("autn", "a3f1e7bc3a2d8000b4c1e2d3f4a5b6c7").put("ckPrime", "00112233445566778899aabbccddeeff")
                .put("ikPrime", "ffeeddccbbaa99887766554433221100");
        body.put("supi", SUPI);
        return CompletableFuture.completedFuture(
                new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), body));
    }

    private CompletableFuture<ClearResponse> send() {
        ObjectNode body = SbiJson.mapper().createObjectNode().put("servingNetworkName", SNN)
                .put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        ClearRequest request = new ClearRequest("POST", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/" + SUPI + "/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"), Map.entry("3gpp-sbi-originating-network-id",
                        "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), body);
        return visited.forwarder().forward(visited.config().peers().getFirst(), request);
    }

    private static List<String> identities(List<FlatJwsJson> block) throws Exception {
        List<String> out = new ArrayList<>();
        for (FlatJwsJson jws : block) {
            out.add(SbiJson.read(Base64.getUrlDecoder().decode(jws.payload()), JsonNode.class).path("identity")
                    .asText());
        }
        return out;
    }

    private static double counter(IpxNode node, String name, String... tags) {
        var c = node.meters().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void requestAndAnswerAreEachModifiedByBothIntermediariesInTheSpecsOrderAndVerifiedEndToEnd() throws Exception {
        start(seppConfig(sepps.home(TestSepps.PRINS_FIRST), homeHub, homeHub.signing()),
                ipx(homeHub, visitedHub, "home", true, homeHub.signing(), pIpxRules()));

        ClearResponse got = send().get(30, TimeUnit.SECONDS);

        assertThat(got.status()).isEqualTo(200);
        // The request: the cIPX's change, then the pIPX's change made on the cIPX's result.
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().body().path("servingNetworkName").asText()).isEqualTo(SNN_BY_PIPX);
        assertThat(arrivedAtHome).hasSize(1);
        assertThat(identities(arrivedAtHome.getFirst().modificationsBlock())).containsExactly(V_IPX, H_IPX);
        // The answer: the pIPX first, then the cIPX (its test holds only on the pIPX's result).
        assertThat(got.body().path("authType").asText()).isEqualTo("5G_AKA");
        assertThat(got.body().path("supi").asText()).isEqualTo(SUPI);
        assertThat(got.body().path("authenticationVector").path("ckPrime").asText())
                .isEqualTo("00112233445566778899aabbccddeeff");
        assertThat(answersAtVisited).hasSize(1);
        assertThat(identities(answersAtVisited.getFirst().modificationsBlock())).containsExactly(H_IPX, V_IPX);
        // Both messages as the IPXs left them are still TS 29.573 messages (Rel-18 schemas).
        org.keygate.sbi.OpenApiConformance.assertValidN32fRequest(arrivedAtHome.getFirst());
        org.keygate.sbi.OpenApiConformance.assertValidN32fResponse(answersAtVisited.getFirst());
        // The encrypted IEs stayed encrypted through both IPXs.
        String onTheWire = SbiJson.mapper().writeValueAsString(answersAtVisited.getFirst());
        assertThat(onTheWire).doesNotContain("ffeeddccbbaa99887766554433221100").doesNotContain(SUPI);
        assertThat(counter(vIpx, "keygate_ipx_modifications_total", "message", "request", "patched", "true"))
                .isEqualTo(1);
        assertThat(counter(vIpx, "keygate_ipx_modifications_total", "message", "answer", "patched", "true"))
                .isEqualTo(1);
        assertThat(counter(hIpx, "keygate_ipx_modifications_total", "message", "request", "patched", "true"))
                .isEqualTo(1);
        assertThat(counter(hIpx, "keygate_ipx_modifications_total", "message", "answer", "patched", "true"))
                .isEqualTo(1);
        assertThat(counter(hIpx, "keygate_ipx_messages_total", "from", "ipx:" + V_IPX, "to", "home", "status", "200"))
                .isEqualTo(1);
    }

    @Test
    void aSecondRiSigningWithAKeyTheReceivingSeppDidNotAnnounceIsRefused() throws Exception {
        KeyPair forged = IpxFixtures.p256();
        start(seppConfig(sepps.home(TestSepps.PRINS_FIRST), homeHub, homeHub.signing()),
                ipx(homeHub, visitedHub, "home", true, forged, pIpxRules()));

        ProblemDetails p = refusal(send());

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(p.detail()).contains(H_IPX + " are not signed by a key configured for it here");
        assertThat(delivered).isEmpty();
    }

    @Test
    void anRiThatIsNotTheReceivingSeppsOwnMayNotModifyAsSecondRi() throws Exception {
        // The home operator announces no RI (and names none on its answers): hIPX signing as pIPX is not authorized
        // for that place, even with the key the visited operator announced for its own cIPX.
        SeppConfig homeWithoutRi = IpxLab.with(sepps.home(TestSepps.PRINS_FIRST), policy(), List.of(),
                new RoamingIntermediary(H_IPX, H_IPX, IpxLab.loopback(homeHub.port()), homeHub.ca(), false));
        start(homeWithoutRi, ipx(homeHub, visitedHub, "home", true, visitedHub.signing(), pIpxRules()));

        ProblemDetails p = refusal(send());

        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(p.detail()).contains("not this SEPP's Roaming Intermediary");
        assertThat(delivered).isEmpty();
        assertThat(identities(arrivedAtHome.getFirst().modificationsBlock())).containsExactly(V_IPX, H_IPX);
    }

    @Test
    void anAnswerPatchThatHoldsOnlyOnTheOriginalNotOnTheFirstRisResultIsRefused() throws Exception {
        // The cIPX's answer patch tests the value the home NF wrote; the pIPX changed it first, and the visited SEPP
        // applies the patches in the spec's order, so the test fails there (MODIFICATIONS_INSTRUCTIONS_FAILED) and the
        // NF gets 502 rather than an answer patched in another order.
        start(seppConfig(sepps.home(TestSepps.PRINS_FIRST), homeHub, homeHub.signing()),
                ipx(homeHub, visitedHub, "home", true, homeHub.signing(), pIpxRules()),
                rule(ModificationRule.Message.REQUEST, op("replace", "/servingNetworkName", SNN_BY_CIPX)),
                rule(ModificationRule.Message.ANSWER, op("test", "/authType", "EAP_AKA_PRIME")));

        ProblemDetails p = refusal(send());

        assertThat(p.status()).isEqualTo(502);
        assertThat(p.cause()).isEqualTo("N32F_ANSWER_VERIFICATION_FAILED");
        assertThat(delivered).hasSize(1);
        assertThat(identities(answersAtVisited.getFirst().modificationsBlock())).containsExactly(H_IPX, V_IPX);
    }

    private static ProblemDetails refusal(CompletableFuture<ClearResponse> f) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> f.get(30, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(N32fForwardingException.class);
        return ((N32fForwardingException) t.getCause()).problem();
    }
}
