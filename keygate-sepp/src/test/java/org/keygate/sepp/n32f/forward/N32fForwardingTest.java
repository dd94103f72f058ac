package org.keygate.sepp.n32f.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.LogCapture;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * Two real SEPPs on loopback exchanging SBI messages over N32-f with PRINS: {@code n32f-process} on its own mutually
 * authenticated TLS listener, keys from the real N32-c handshake, both HTTP sessions (parallel and reverse).
 */
class N32fForwardingTest {
    private static final String SUPI = "imsi-001010000000001";
    private static final String AV_RAND = "0c5a7e6f3fe61a3d3f4e2bd6a2f0a6c1";

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC(), this::answer);
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC(), this::answer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        visited.close();
        home.close();
    }

    /** The home NF: answers generate-auth-data with an AV naming the SUPI it was asked about. */
    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode av = SbiJson.mapper().createObjectNode();
        av.putObject("authenticationVector").put("avType", "5G_HE_AKA").put("rand", AV_RAND)
                .put("xresStar", "1b1e7aa6c4f2a6f3fa2c7e54d2c06bb5").put("autn", "a3f1e7bc3a2d8000b4c1e2d3f4a5b6c7")
                .put("kausf", "6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e");
        av.put("supi", SUPI);
        return CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), av));
    }

    /** From the visited network (the N32-c initiator's side). */
    private static ClearRequest generateAuthData() {
        return generateAuthData(TestSepps.VISITED_PLMN);
    }

    /** As an NF of {@code from} sends it through its SEPP (TS 33.501 5.9.3.2: the PLMN IDs name {@code from}). */
    private static ClearRequest generateAuthData(org.keygate.tls.plmn.PlmnId from) {
        ObjectNode body = SbiJson.mapper().createObjectNode()
                .put("servingNetworkName", "5G:mnc" + pad(from.mnc()) + ".mcc" + from.mcc() + ".3gppnetwork.org")
                .put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        return new ClearRequest("POST", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/" + SUPI + "/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"), Map.entry("3gpp-sbi-message-priority", "7"),
                        Map.entry("3gpp-sbi-originating-network-id", from.mcc() + "-" + from.mnc() + "; src: SEPP-"
                                + from.seppFqdn())),
                body);
    }

    private static String pad(String mnc) {
        return mnc.length() == 2 ? "0" + mnc : mnc;
    }

    @Test
    void aRequestCrossesN32fAndItsAnswerComesBackOnTheParallelSession() throws Exception {
        ClearRequest sent = generateAuthData();
        ClearResponse got = visited.forwarder().forward(visited.config().peers().getFirst(), sent)
                .get(30, TimeUnit.SECONDS);

        assertThat(delivered).hasSize(1);
        ClearRequest arrived = delivered.getFirst();
        assertThat(arrived.method()).isEqualTo("POST");
        assertThat(arrived.authority()).isEqualTo(sent.authority());
        assertThat(arrived.path()).isEqualTo(sent.path());
        assertThat(arrived.headers()).containsExactlyElementsOf(sent.headers());
        assertThat(arrived.body()).isEqualTo(sent.body());
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("authenticationVector").path("rand").asText()).isEqualTo(AV_RAND);
        assertThat(got.body().path("supi").asText()).isEqualTo(SUPI);
    }

    @Test
    void theResponderSendsOnTheReverseSessionWithTheReverseKeys() throws Exception {
        ClearResponse got = home.forwarder().forward(home.config().peers().getFirst(),
                        generateAuthData(TestSepps.HOME_PLMN))
                .get(30, TimeUnit.SECONDS);
        assertThat(got.status()).isEqualTo(200);
        assertThat(delivered).hasSize(1);
        // And the parallel direction still works afterwards: the two sessions keep separate counters.
        assertThat(visited.forwarder().forward(visited.config().peers().getFirst(), generateAuthData())
                .get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void manyConcurrentRequestsAllArriveAndAreAnswered() throws Exception {
        List<CompletableFuture<ClearResponse>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(visited.forwarder().forward(visited.config().peers().getFirst(), generateAuthData()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(answers).allSatisfy(a -> assertThat(a.join().status()).isEqualTo(200));
        assertThat(delivered).hasSize(300);
    }

    @Test
    void withoutAContextTheSenderFailsCleanlyAndSendsNothing() throws Exception {
        home.terminate("visited").get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> visited.forwarder().forward(visited.config().peers().getFirst(), generateAuthData())
                .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(N32fForwardingException.class).hasMessageContaining("503");
        assertThat(delivered).isEmpty();
    }

    @Test
    void theAnswerAndItsProtectedFormAreSchemaValid() throws Exception {
        N32fProtector sender = new N32fProtector(visited.contexts().current("home").orElseThrow().prins());
        N32fReformattedReqMsg msg = sender.protectRequest(generateAuthData(), EncryptionPlan.none(), "0");
        OpenApiConformance.assertValidN32fRequest(msg);
        SbiResponse rsp = post(SbiJson.write(msg));
        assertThat(rsp.status()).isEqualTo(200);
        N32fReformattedRspMsg answer = SbiJson.read(rsp.body(), N32fReformattedRspMsg.class);
        OpenApiConformance.assertValidN32fResponse(answer);
        ClearResponse clear = sender.unprotectResponse(answer, "0").message();
        assertThat(clear.body().path("supi").asText()).isEqualTo(SUPI);
        // The AV and the SUPI never cross in the clear (always-encrypted types, TS 33.501 13.2.3.2).
        String wire = new String(rsp.body(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(AV_RAND).doesNotContain(SUPI);
    }

    @Test
    void aReplayedMessageIsRefusedAndReportedToThePeer() throws Exception {
        N32fProtector sender = new N32fProtector(visited.contexts().current("home").orElseThrow().prins());
        byte[] msg = SbiJson.write(sender.protectRequest(generateAuthData(), EncryptionPlan.none(), "0"));
        assertThat(post(msg).status()).isEqualTo(200);
        try (LogCapture logs = new LogCapture()) {
            SbiResponse replay = post(msg);
            assertRefused(replay, "INTEGRITY_CHECK_FAILED");
            awaitLog(logs, "reports N32-f error INTEGRITY_CHECK_FAILED for message 0");
        }
        assertThat(delivered).hasSize(1);
    }

    @Test
    void aFlippedCiphertextByteIsRefusedAsIntegrityFailure() throws Exception {
        N32fProtector sender = new N32fProtector(visited.contexts().current("home").orElseThrow().prins());
        N32fReformattedReqMsg msg = sender.protectRequest(generateAuthData(), EncryptionPlan.none(), "0");
        FlatJweJson j = msg.reformattedData();
        char[] ct = j.ciphertext().toCharArray();
        ct[3] = ct[3] == 'A' ? 'B' : 'A';
        FlatJweJson bad = FlatJweJson.of(j.protectedHeader(), j.aad(), j.iv(), new String(ct), j.tag());
        assertRefused(post(SbiJson.write(new N32fReformattedReqMsg(bad, null))), "INTEGRITY_CHECK_FAILED");
        assertThat(delivered).isEmpty();
    }

    @Test
    void anUnknownContextIdIsRefusedAsContextNotFound() throws Exception {
        N32fContext real = visited.contexts().current("home").orElseThrow();
        home.terminate("visited").get(30, TimeUnit.SECONDS);
        // Keys of a context the receiver no longer has.
        N32fProtector stale = new N32fProtector(real.prins());
        byte[] msg = SbiJson.write(stale.protectRequest(generateAuthData(), EncryptionPlan.none(), "0"));
        assertRefused(post(msg), "CONTEXT_NOT_FOUND");
        assertThat(delivered).isEmpty();
    }

    @Test
    void anAadThatIsNotJsonIsDecipheringFailedReportedWithoutMessageOrContext() throws Exception {
        // Issue 19 item 5: docs/N32F.md puts an unreadable JWE under DECIPHERING_FAILED (TS 29.573 N32fErrorType).
        N32fProtector sender = new N32fProtector(visited.contexts().current("home").orElseThrow().prins());
        FlatJweJson j = sender.protectRequest(generateAuthData(), EncryptionPlan.none(), "0").reformattedData();
        String notJson = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("metaData: 1".getBytes(StandardCharsets.UTF_8));
        FlatJweJson bad = FlatJweJson.of(j.protectedHeader(), notJson, j.iv(), j.ciphertext(), j.tag());
        try (LogCapture logs = new LogCapture()) {
            assertRefused(post(SbiJson.write(new N32fReformattedReqMsg(bad, null))), "DECIPHERING_FAILED");
            awaitLog(logs, "reports N32-f error DECIPHERING_FAILED for message unknown (context null)");
        }
        assertThat(delivered).isEmpty();
    }

    @Test
    void anUnknownContextIsReportedWithTheContextIdAndMessageIdMetaDataGave() throws Exception {
        N32fContext real = visited.contexts().current("home").orElseThrow();
        String named = real.remoteContextId().orElseThrow().value(); // what visited writes in metaData
        home.terminate("visited").get(30, TimeUnit.SECONDS);
        byte[] msg = SbiJson.write(new N32fProtector(real.prins()).protectRequest(generateAuthData(),
                EncryptionPlan.none(), "41"));
        try (LogCapture logs = new LogCapture()) {
            assertRefused(post(msg), "CONTEXT_NOT_FOUND");
            awaitLog(logs, "reports N32-f error CONTEXT_NOT_FOUND for message 41 (context " + named + ")");
        }
    }

    @Test
    void garbageGets400AndTheServerKeepsServing() throws Exception {
        SbiResponse bad = post("{\"reformattedData\": 12".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(SbiJson.read(bad.body(), ProblemDetails.class).cause()).isEqualTo("INVALID_MSG_FORMAT");
        assertThat(post("{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(visited.forwarder().forward(visited.config().peers().getFirst(), generateAuthData())
                .get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void optionsAnswers204() throws Exception {
        try (Raw raw = new Raw()) {
            SbiResponse r = raw.send(new SbiRequest("OPTIONS", N32fProcessHandler.PROCESS,
                    org.keygate.sbi.http.SbiHeaders.empty(), new byte[0]));
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.headers().first("accept-encoding")).isPresent();
        }
    }

    private static void assertRefused(SbiResponse r, String cause) {
        assertThat(r.status()).isEqualTo(403);
        ProblemDetails p = SbiJson.read(r.body(), ProblemDetails.class);
        assertThat(p.cause()).isEqualTo(cause);
        OpenApiConformance.assertValidN32fProblem(403, new String(r.body(), StandardCharsets.UTF_8));
    }

    private static void awaitLog(LogCapture logs, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (logs.keygateMessages().stream().anyMatch(m -> m.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(logs.keygateMessages()).anyMatch(m -> m.contains(text));
    }

    private SbiResponse post(byte[] body) throws Exception {
        try (Raw raw = new Raw()) {
            return raw.send(SbiRequest.json("POST", N32fProcessHandler.PROCESS, body));
        }
    }

    /** The visited SEPP's identity on a connection of its own to the home SEPP's N32-f listener. */
    private final class Raw implements AutoCloseable {
        final MutualTls tls;
        final SbiClient client;
        final SbiClientConnection connection;

        Raw() throws Exception {
            var files = sepps.files.get("visited");
            tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(files.certChain(), files.privateKey()))
                    .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                            PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                    .protocols(List.of("TLSv1.3")).build();
            client = SbiClient.builder().tls(tls.sslContext()).build();
            connection = client.connect(home.n32fAddress().orElseThrow(),
                    tls.clientParameters(TestSepps.HOME_PLMN.seppFqdn())).get(30, TimeUnit.SECONDS);
        }

        SbiResponse send(SbiRequest r) throws Exception {
            return connection.send(r, TestSepps.HOME_PLMN.seppFqdn(), "https").get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            connection.close();
            client.close();
        }
    }
}
