package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.ipx.node.IpxFixtures;
import org.keygate.ipx.node.IpxNode;
import org.keygate.ipx.node.IpxNodeConfig;

/**
 * vSEPP -> IPX -> hSEPP on loopback, every node real: the N32-c handshake runs directly between the SEPPs (the IPX
 * key travels in IpxProviderSecInfo), N32-f PRINS goes through the IPX node over TLS on both hops.
 */
class IpxPathTest {
    private static final String SUPI = "imsi-999990000000001";
    private static final String AV_RAND = "0c5a7e6f3fe61a3d3f4e2bd6a2f0a6c1";
    private static final String KAUSF = "6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e";
    private static final String SNN = "5G:mnc099.mcc999.3gppnetwork.org";

    @TempDir
    Path dir;

    IpxLab lab;
    SeppNode home;
    SeppNode visited;
    IpxNode ipx;
    Tap tap;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();
    /** When set, the home NF answers only once it completes (a request held in flight). */
    volatile CompletableFuture<Void> hold;

    @BeforeEach
    void lab() throws Exception {
        lab = new IpxLab(dir);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, ipx, tap, home}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Starts hSEPP, the IPX (with {@code modifications}) and vSEPP, and runs N32-c between the SEPPs. */
    private void start(boolean authorize, Optional<IpxNodeConfig.Modifications> modifications) throws Exception {
        home = SeppNode.start(lab.home(), Clock.systemUTC(), this::answer);
        ipx = IpxNode.start(lab.ipx(modifications));
        visited = SeppNode.start(lab.visited(authorize), Clock.systemUTC(), this::answer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
    }

    /** The home NF: answers generate-auth-data with an AV and the SUPI. */
    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode av = SbiJson.mapper().createObjectNode();
        av.putObject("authenticationVector").put("avType", "5G_HE_AKA").put("rand", AV_RAND)
                .put("xresStar", "1b1e7aa6c4f2a6f3fa2c7e54d2c06bb5").put("autn", "a3f1e7bc3a2d8000b4c1e2d3f4a5b6c7")
                .put("kausf", KAUSF);
        av.put("supi", SUPI);
        ClearResponse response = new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), av);
        CompletableFuture<Void> h = hold;
        return h == null ? CompletableFuture.completedFuture(response) : h.thenApply(v -> response);
    }

    private static ClearRequest generateAuthData() {
        return generateAuthData("999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org");
    }

    /** With {@code origin} as 3gpp-Sbi-Originating-Network-Id: the receiving SEPP checks it against its partner. */
    private static ClearRequest generateAuthData(String origin) {
        ObjectNode body = SbiJson.mapper().createObjectNode().put("servingNetworkName", SNN)
                .put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        return new ClearRequest("POST", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/" + SUPI + "/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"),
                        Map.entry("3gpp-sbi-originating-network-id", origin)), body);
    }

    private CompletableFuture<ClearResponse> send() {
        return visited.forwarder().forward(visited.config().peers().getFirst(), generateAuthData());
    }

    private static ProblemDetails refusal(CompletableFuture<ClearResponse> f) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> f.get(30, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(N32fForwardingException.class);
        return ((N32fForwardingException) t.getCause()).problem();
    }

    private double metric(String name, String... tags) {
        var c = ipx.meters().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theIpxModifiesWhatItsRuleAndThePolicyAllowAndTheHomeSeppAppliesIt() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey,
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN))));
        ClearResponse got = send().get(30, TimeUnit.SECONDS);

        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("authenticationVector").path("rand").asText()).isEqualTo(AV_RAND);
        assertThat(got.body().path("supi").asText()).isEqualTo(SUPI);
        assertThat(delivered).hasSize(1);
        ClearRequest arrived = delivered.getFirst();
        assertThat(arrived.body().path("servingNetworkName").asText()).isEqualTo(IpxLab.MODIFIED_SNN);
        assertThat(arrived.body().path("ausfInstanceId").asText()).isEqualTo("1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        assertThat(arrived.path()).isEqualTo(generateAuthData().path());
        assertThat(metric("keygate_ipx_modifications_total", "to", "home", "patched", "true")).isEqualTo(1);
        assertThat(metric("keygate_ipx_messages_total", "from", "visited", "to", "home", "status", "200")).isEqualTo(1);
    }

    @Test
    void aReloadedIpxAppliesItsNewRulesToTheNextRequestAndAnswersTheOneInFlight() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey)));
        hold = new CompletableFuture<>();
        CompletableFuture<ClearResponse> inFlight = send();
        for (int i = 0; i < 200 && delivered.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(delivered).as("the request in flight reached the home NF").hasSize(1);

        org.keygate.sbi.config.ReloadOutcome outcome = ipx.reload(lab.ipx(Optional.of(IpxFixtures.modifications(
                lab.signingKey, IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN)))));
        hold.complete(null);

        assertThat(outcome).isInstanceOf(org.keygate.sbi.config.ReloadOutcome.Applied.class);
        assertThat(inFlight.get(30, TimeUnit.SECONDS).status()).as("the request in flight across the reload")
                .isEqualTo(200);
        assertThat(delivered.getFirst().body().path("servingNetworkName").asText()).isEqualTo(SNN);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(delivered.get(1).body().path("servingNetworkName").asText()).as("the rule the reload brought")
                .isEqualTo(IpxLab.MODIFIED_SNN);
        assertThat(metric(IpxNode.RELOADS, "outcome", "applied")).isEqualTo(1);
    }

    @Test
    void anIpxReloadChangingItsListenerIsRefusedAndTrafficGoesOn() throws Exception {
        start(false, Optional.empty());
        IpxNodeConfig c = ipx.config();
        IpxNodeConfig moved = new IpxNodeConfig(c.name(), c.providerId(), TestSepps.listener(FreePorts.loopback(1)[0]),
                c.admin(), c.keyMaterial(), c.tlsProtocols(), c.sepps(), c.modifications(), c.nextHopTimeout(),
                c.maxAnswerBodyBytes(), c.h2());

        org.keygate.sbi.config.ReloadOutcome outcome = ipx.reload(moved);

        assertThat(outcome).isInstanceOf(org.keygate.sbi.config.ReloadOutcome.Refused.class);
        assertThat(outcome.message()).startsWith("n32f: ").contains("restart the IPX");
        assertThat(metric(IpxNode.RELOADS, "outcome", "refused")).isEqualTo(1);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void unauthorizedTheIpxForwardsUntouchedAndTheAnswerComesBack() throws Exception {
        start(false, Optional.empty());
        ClearResponse got = send().get(30, TimeUnit.SECONDS);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("supi").asText()).isEqualTo(SUPI);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.getFirst().body()).isEqualTo(generateAuthData().body());
        assertThat(metric("keygate_ipx_messages_total", "from", "visited", "to", "home", "status", "200")).isEqualTo(1);
        assertThat(ipx.meters().find("keygate_ipx_modifications_total").counters()).isEmpty();
    }

    @Test
    void authorizedWithNothingToChangeTheIpxStillSignsAndTheMessageArrivesUnchanged() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey)));
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(delivered.getFirst().body()).isEqualTo(generateAuthData().body());
        assertThat(metric("keygate_ipx_modifications_total", "to", "home", "patched", "false")).isEqualTo(1);
    }

    @Test
    void theResponderSendsBackThroughTheIpxOnTheReverseSession() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey)));
        ClearResponse got = home.forwarder().forward(home.config().peers().getFirst(),
                generateAuthData("001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org")).get(30, TimeUnit.SECONDS);
        assertThat(got.status()).isEqualTo(200);
        assertThat(metric("keygate_ipx_messages_total", "from", "home", "to", "visited", "status", "200")).isEqualTo(1);
    }

    @Test
    void aModificationOutsideTheSendingSeppsPolicyIsRefused() throws Exception {
        // The IPX's own policy allows ausfInstanceId; the visited SEPP's, sent over N32-c, does not.
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey,
                IpxFixtures.rule("replace", "/ausfInstanceId", "2bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1"))));
        ProblemDetails p = refusal(send());
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("MODIFICATIONS_INSTRUCTIONS_FAILED");
        assertThat(delivered).isEmpty();
    }

    @Test
    void aSignatureWithAKeyNotAnnouncedOverThisN32cConnectionIsRefused() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(IpxFixtures.p256(),
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN))));
        ProblemDetails p = refusal(send());
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(delivered).isEmpty();
    }

    @Test
    void anIpxThatDoesNotSignWhatItWasAuthorizedForIsRefused() throws Exception {
        // Authorized by the visited SEPP, but configured without modifications: no JWS reaches the home SEPP.
        start(true, Optional.empty());
        ProblemDetails p = refusal(send());
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(delivered).isEmpty();
    }

    @Test
    void aModificationsBlockStrippedOnTheWayIsRefused() throws Exception {
        int tapPort = FreePorts.loopback(1)[0];
        tap = new Tap(lab, tapPort, body -> {
            ObjectNode m = (ObjectNode) SbiJson.read(body, JsonNode.class);
            m.remove("modificationsBlock");
            return SbiJson.write(m);
        });
        home = SeppNode.start(lab.home(), Clock.systemUTC(), this::answer);
        ipx = IpxNode.start(lab.ipx(Optional.of(IpxFixtures.modifications(lab.signingKey,
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN))), tapPort));
        visited = SeppNode.start(lab.visited(true), Clock.systemUTC(), this::answer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
        ProblemDetails p = refusal(send());
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(delivered).isEmpty();
        // It was there when the IPX forwarded it.
        assertThat(SbiJson.read(tap.requests.getFirst(), JsonNode.class).path("modificationsBlock").size()).isEqualTo(1);
    }

    @Test
    void theEncryptedIesNeverCrossTheIpxInTheClear() throws Exception {
        int tapPort = FreePorts.loopback(1)[0];
        tap = new Tap(lab, tapPort, body -> body);
        home = SeppNode.start(lab.home(), Clock.systemUTC(), this::answer);
        ipx = IpxNode.start(lab.ipx(Optional.of(IpxFixtures.modifications(lab.signingKey,
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN))), tapPort));
        visited = SeppNode.start(lab.visited(true), Clock.systemUTC(), this::answer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(send().get(30, TimeUnit.SECONDS).body().path("supi").asText()).isEqualTo(SUPI);

        assertThat(tap.requests).hasSize(1);
        assertThat(tap.answers).hasSize(1);
        // What the IPX emits, its JWS appended, is still a Rel-18 N32fReformattedReqMsg.
        org.keygate.sbi.OpenApiConformance.assertValidN32fRequest(SbiJson.read(tap.requests.getFirst(), JsonNode.class));
        org.keygate.sbi.OpenApiConformance.assertValidN32fResponse(SbiJson.read(tap.answers.getFirst(), JsonNode.class));
        String sent = wireAndDecoded(tap.requests.getFirst());
        String answered = wireAndDecoded(tap.answers.getFirst());
        // The scan can see: the clear part and the IPX's change are there.
        assertThat(sent).contains(SNN).contains(IpxLab.MODIFIED_SNN).contains("encBlockIndex");
        assertThat(answered).contains("encBlockIndex");
        for (String secret : List.of(SUPI, SUPI.substring(5), AV_RAND, KAUSF, "1b1e7aa6c4f2a6f3fa2c7e54d2c06bb5")) {
            assertThat(sent).doesNotContain(secret);
            assertThat(answered).doesNotContain(secret);
        }
    }

    /** The message as it crossed, with every base64url member (aad, JWS payloads and headers) decoded beside it. */
    private static String wireAndDecoded(byte[] body) {
        StringBuilder out = new StringBuilder(new String(body, StandardCharsets.UTF_8));
        JsonNode m = SbiJson.read(body, JsonNode.class);
        List<String> encoded = new java.util.ArrayList<>();
        m.path("reformattedData").properties().forEach(e -> encoded.add(e.getValue().asText("")));
        m.path("modificationsBlock").forEach(j -> j.properties().forEach(e -> encoded.add(e.getValue().asText(""))));
        for (String e : encoded) {
            try {
                out.append('\n').append(new String(Base64.getUrlDecoder().decode(e), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // kept as it is on the wire
            }
        }
        return out.toString();
    }

    @Test
    void killingTheIpxFailsRequestsCleanlyAndTrafficFlowsAgainAfterItRestarts() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey,
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN))));
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        IpxNodeConfig config = ipx.config();
        ipx.close();
        ipx = null;

        ProblemDetails p = refusal(send());
        assertThat(p.status()).isEqualTo(504);
        assertThat(p.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
        assertThat(p.detail()).contains("Roaming Intermediary " + IpxLab.IPX_ID);

        ipx = IpxNode.start(config);
        ClearResponse again = send().get(30, TimeUnit.SECONDS);
        assertThat(again.status()).isEqualTo(200);
        assertThat(delivered).hasSize(2);
        assertThat(delivered.getLast().body().path("servingNetworkName").asText()).isEqualTo(IpxLab.MODIFIED_SNN);
    }

    @Test
    void aRequestInFlightWhenTheIpxStopsIsStillAnsweredThenTheIpxTakesNoMore() throws Exception {
        start(false, Optional.empty());
        hold = new CompletableFuture<>();
        CompletableFuture<ClearResponse> inFlight = send();
        for (int i = 0; i < 300 && delivered.isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(delivered).as("the request reached the home NF").hasSize(1);
        IpxNodeConfig config = ipx.config();
        // The stop drains (issue 18): the IPX takes no new stream, and answers the one it took once the NF does.
        IpxNode stopping = ipx;
        try (org.keygate.sepp.LogCapture logs = new org.keygate.sepp.LogCapture()) {
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(stopping::close);
            Thread.sleep(300);
            assertThat(stopped).as("the stop waits for the request in progress").isNotDone();
            hold.complete(null);
            assertThat(inFlight.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            stopped.get(30, TimeUnit.SECONDS);
            // keygate-sbi's ServerDrain ran the drain, as for a SEPP: its count and outcome.
            assertThat(logs.keygateMessages()).anyMatch(m -> m.matches(
                    "IPX ipx: stopping: 1 request\\(s\\) in progress at the stop, every one answered after \\d+ ms"));
        }

        hold = null;
        ipx = null;
        ProblemDetails p = refusal(send());
        assertThat(p.status()).as("a stopped IPX is unreachable").isEqualTo(504);
        ipx = IpxNode.start(config);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aHomeSeppThatIsGoneGivesTheVisitedNfA504FromTheIpx() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey)));
        home.close();
        home = null;
        try (LogCapture logs = new LogCapture()) {
            ProblemDetails p = refusal(send());
            assertThat(p.status()).isEqualTo(504);
            assertThat(p.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
            assertThat(logs.keygateMessages()).filteredOn(m -> m.startsWith("IPX: n32f-process from visited to home"))
                    .hasSize(1);
        }
        assertThat(metric("keygate_ipx_refusals_total", "cause", "TARGET_NF_NOT_REACHABLE")).isEqualTo(1);
    }

    @Test
    void afterTheHomeSeppRestartsTheIpxReachesItAgain() throws Exception {
        start(true, Optional.of(IpxFixtures.modifications(lab.signingKey)));
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        home.close();
        assertThat(refusal(send()).cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");

        home = SeppNode.start(lab.home(), Clock.systemUTC(), this::answer);
        // The restarted SEPP has no context: a new N32-c handshake, then N32-f through the same IPX.
        visited.establish("home").get(30, TimeUnit.SECONDS);
        // Until the IPX's backoff after the failed connect ends (250 ms), it answers at once without connecting.
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) {
            try {
                status = send().get(30, TimeUnit.SECONDS).status();
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessageContaining("the IPX's last 1 connect(s) to it failed");
                Thread.sleep(50);
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(delivered).hasSize(2);
    }
}
