package org.keygate.labnf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;

/**
 * The lab UDM on a real h2c server: every answer validated against the Rel-18 Nudm_UEAU OpenAPI, every vector
 * checked by a USIM (TS 35.207 test set 1 subscriber) and the UE-side KDFs.
 */
class UdmUeauHandlerTest {
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    static final String SUPI = "imsi-001010000000001";
    static final String SUCI = "suci-0-001-01-0000-0-0-0000000001";
    static final String SNN = "5G:mnc099.mcc999.3gppnetwork.org";
    private static final HexFormat HEX = HexFormat.of();
    private static SbiServer server;
    private static SbiClient client;
    private static SbiClientConnection connection;

    @BeforeAll
    static void start() throws Exception {
        // Parsing the OpenAPI files takes seconds on a busy machine: do it before any request is timed.
        UeauConformance.validator();
        UdmSettings settings = UdmSettings.builder().apiRoot("http://udm.5gc.mnc001.mcc001.3gppnetwork.org").subscriber(LabSubscriber.of(SUPI, K, OPC, "8000", 32)).build();
        server = SbiServer.builder().name("udm").cleartext()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler(new UdmUeauHandler(settings)).build().start();
        client = SbiClient.builder().cleartext().build();
        connection = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void answersAValid5gHeAvThatTheUsimAccepts() throws Exception {
        SbiResponse r = generate(SUCI, body(SNN));
        assertThat(r.status()).isEqualTo(200);
        JsonNode result = SbiJson.read(r.body(), JsonNode.class);
        assertThat(result.get("authType").asText()).isEqualTo("5G_AKA");
        assertThat(result.get("supi").asText()).isEqualTo(SUPI);
        JsonNode av = result.get("authenticationVector");
        assertThat(av.get("avType").asText()).isEqualTo("5G_HE_AKA");
        byte[] rand = HEX.parseHex(av.get("rand").asText());
        Usim.Answer ue = new Usim(K, OPC).answer(rand, HEX.parseHex(av.get("autn").asText()), SNN);
        assertThat(HEX.formatHex(ue.resStar())).isEqualTo(av.get("xresStar").asText());
        assertThat(HEX.formatHex(ue.kausf().toByteArray(InsecureSecretAccess.get())))
                .isEqualTo(av.get("kausf").asText());
        assertThat(HEX.formatHex(HEX.parseHex(av.get("autn").asText()), 6, 8)).isEqualTo("8000");
        // The next vector has a fresh RAND and a higher SQN.
        JsonNode next = SbiJson.read(generate(SUPI, body(SNN)).body(), JsonNode.class).get("authenticationVector");
        Usim.Answer ue2 = new Usim(K, OPC).answer(HEX.parseHex(next.get("rand").asText()),
                HEX.parseHex(next.get("autn").asText()), SNN);
        assertThat(ue2.sqn()).isGreaterThan(ue.sqn());
        assertThat(next.get("rand").asText()).isNotEqualTo(av.get("rand").asText());
    }

    @Test
    void resynchronisationMovesSqnPastTheUsimsAndABadAutsIsRefused() throws Exception {
        Usim usim = new Usim(K, OPC);
        byte[] rand = HEX.parseHex("23553cbe9637a89d218ae64dae47bf35");
        long sqnMs = 5_000_000;
        String resync = "{\"servingNetworkName\":\"" + SNN + "\",\"ausfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\","
                + "\"resynchronizationInfo\":{\"rand\":\"" + HEX.formatHex(rand) + "\",\"auts\":\""
                + HEX.formatHex(usim.auts(rand, sqnMs)) + "\"}}";
        SbiResponse r = generate(SUPI, resync);
        assertThat(r.status()).isEqualTo(200);
        JsonNode av = SbiJson.read(r.body(), JsonNode.class).get("authenticationVector");
        assertThat(usim.answer(HEX.parseHex(av.get("rand").asText()), HEX.parseHex(av.get("autn").asText()), SNN)
                .sqn()).isGreaterThan(sqnMs);
        byte[] badAuts = usim.auts(rand, sqnMs);
        badAuts[13] ^= 1;
        SbiResponse refused = generate(SUPI, resync.replace(HEX.formatHex(usim.auts(rand, sqnMs)),
                HEX.formatHex(badAuts)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(cause(refused)).isEqualTo("AUTHENTICATION_REJECTED");
    }

    @Test
    void errorsCarryTheirCausesAndMatchTheSchema() throws Exception {
        SbiResponse unknown = generate("imsi-001019999999999", body(SNN));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(cause(unknown)).isEqualTo("USER_NOT_FOUND");
        SbiResponse scheme = generate("suci-0-001-01-0000-1-1-b2e92f836055a255837debf850b528997ce0201cb82adfe4be1f587d07d8457dcb02352410cddd6e730ef3", body(SNN));
        assertThat(scheme.status()).isEqualTo(501);
        assertThat(cause(scheme)).isEqualTo("UNSUPPORTED_PROTECTION_SCHEME");
        SbiResponse noSnn = generate(SUPI, "{\"ausfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\"}");
        assertThat(noSnn.status()).isEqualTo(400);
        assertThat(cause(noSnn)).isEqualTo("MANDATORY_IE_MISSING");
        SbiResponse badSnn = generate(SUPI, body("5G:mnc99.mcc999.3gppnetwork.org"));
        assertThat(cause(badSnn)).isEqualTo("MANDATORY_IE_INCORRECT");
        SbiResponse notJson = generate(SUPI, "{\"servingNetworkName\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(cause(notJson)).isEqualTo("INVALID_MSG_FORMAT");
        SbiResponse badId = generate("msisdn-123", body(SNN));
        assertThat(cause(badId)).isEqualTo("MANDATORY_IE_INCORRECT");
        assertThat(send(new SbiRequest("GET", path(SUPI), org.keygate.sbi.http.SbiHeaders.empty(), new byte[0]))
                .status()).isEqualTo(405);
    }

    @Test
    void theSchemaCheckRejectsAWrongVector() {
        String p = path(SUPI);
        String av = "{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"avType\":\"5G_HE_AKA\",\"rand\":\"%s\","
                + "\"xresStar\":\"%s\",\"autn\":\"%s\"%s}}";
        String r32 = "0".repeat(32);
        String kausf = ",\"kausf\":\"" + "0".repeat(64) + "\"";
        assertThat(UeauConformance.problemsOfResult(p, av.formatted(r32, r32, r32, kausf))).isEmpty();
        assertThat(UeauConformance.problemsOfResult(p, av.formatted(r32, r32, r32, ""))).isNotEmpty();
        assertThat(UeauConformance.problemsOfResult(p, av.formatted("00", r32, r32, kausf))).isNotEmpty();
    }

    @Test
    void authEventsAreTakenAndAnsweredPerTheSchema() throws Exception {
        String event = "{\"nfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\",\"success\":true,"
                + "\"timeStamp\":\"2026-12-01T10:00:00Z\",\"authType\":\"5G_AKA\",\"servingNetworkName\":\"" + SNN
                + "\"}";
        String path = "/nudm-ueau/v1/" + SUPI + "/auth-events";
        SbiRequest req = SbiRequest.json("POST", path, event.getBytes(StandardCharsets.UTF_8));
        UeauConformance.assertValidRequest(req);
        SbiResponse created = send(req);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().first("location")).hasValueSatisfying(l -> assertThat(l)
                .startsWith("http://udm.5gc.mnc001.mcc001.3gppnetwork.org" + path + "/"));
        UeauConformance.assertValidResponse(path, created);
        SbiResponse unknown = send(SbiRequest.json("POST", "/nudm-ueau/v1/imsi-001019999999999/auth-events",
                event.getBytes(StandardCharsets.UTF_8)));
        assertThat(cause(unknown)).isEqualTo("USER_NOT_FOUND");
        UeauConformance.assertValidResponse(path, unknown);
        SbiResponse noSuccess = send(SbiRequest.json("POST", path, event.replace("\"success\":true,", "")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(cause(noSuccess)).isEqualTo("MANDATORY_IE_MISSING");
    }

    @Test
    void subscriberKeysStayOutOfToString() {
        LabSubscriber s = LabSubscriber.of(SUPI, K, OPC, "8000", 0);
        assertThat(s + " " + UdmSettings.builder().apiRoot("http://udm.5gc.mnc001.mcc001.3gppnetwork.org").subscriber(s).build()).contains(SUPI).doesNotContain(K, OPC,
                K.toUpperCase(java.util.Locale.ROOT));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabSubscriber.of(SUPI, K, OPC, "0000", 0))
                .hasMessageContaining("separation bit");
    }

    static String body(String snn) {
        return "{\"servingNetworkName\":\"" + snn + "\",\"ausfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\"}";
    }

    static String path(String supiOrSuci) {
        return "/nudm-ueau/v1/" + supiOrSuci + "/security-information/generate-auth-data";
    }

    private static SbiResponse generate(String supiOrSuci, String json) throws Exception {
        SbiRequest req = SbiRequest.json("POST", path(supiOrSuci), json.getBytes(StandardCharsets.UTF_8));
        SbiResponse r = send(req);
        if (json.startsWith("{\"servingNetworkName\":\"5G:mnc0") && supiOrSuci.matches("^(imsi|suci-0-[0-9-]+-0-0-).*")) {
            UeauConformance.assertValidRequest(req);
        }
        UeauConformance.assertValidResponse(req.pathWithoutQuery(), r);
        return r;
    }

    private static SbiResponse send(SbiRequest req) throws Exception {
        return connection.send(req, "udm.5gc.mnc001.mcc001.3gppnetwork.org", "http").get(10, TimeUnit.SECONDS);
    }

    static String cause(SbiResponse r) {
        assertThat(r.contentType()).contains(SbiResponse.PROBLEM_JSON);
        return SbiJson.read(r.body(), JsonNode.class).path("cause").asText();
    }
}
