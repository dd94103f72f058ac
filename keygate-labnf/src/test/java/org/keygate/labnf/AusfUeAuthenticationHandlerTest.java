package org.keygate.labnf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.labnf.UdmUeauHandlerTest.K;
import static org.keygate.labnf.UdmUeauHandlerTest.OPC;
import static org.keygate.labnf.UdmUeauHandlerTest.SNN;
import static org.keygate.labnf.UdmUeauHandlerTest.SUCI;
import static org.keygate.labnf.UdmUeauHandlerTest.SUPI;
import static org.keygate.labnf.UdmUeauHandlerTest.cause;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.aka.FiveGAka;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.testing.MutableClock;
import org.keygate.sbi.lab.FreePorts;

/**
 * 5G AKA end to end on loopback: the lab AUSF asks the real lab UDM (its requests validated against the Rel-18
 * Nudm_UEAU OpenAPI on arrival), a test USIM answers the challenge, and the AUSF confirms it and hands out KSEAF.
 * (The Rel-18 Nausf_UEAuthentication OpenAPI is not among the shared specs, so the AUSF's own answers are checked
 * field by field against TS 29.509 here.)
 */
class AusfUeAuthenticationHandlerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String API_ROOT = "http://ausf.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final List<String> udmRequestProblems = new CopyOnWriteArrayList<>();
    private static final java.util.concurrent.LinkedBlockingQueue<JsonNode> authEvents =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private static final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private static SbiServer udm;
    private static SbiServer ausf;
    private static AusfUeAuthenticationHandler handler;
    private static SbiClient client;
    private static SbiClientConnection connection;

    @BeforeAll
    static void start() throws Exception {
        // Parsing the OpenAPI files takes seconds on a busy machine: do it before any request is timed.
        UeauConformance.validator();
        UdmUeauHandler udmHandler = new UdmUeauHandler(UdmSettings.builder().apiRoot("http://udm.5gc.mnc001.mcc001.3gppnetwork.org")
                .subscriber(LabSubscriber.of(SUPI, K, OPC, "8000", 0)).build());
        udm = SbiServer.builder().name("udm").cleartext().bind(loopback(0)).handler((req, conn) -> {
            try {
                UeauConformance.assertValidRequest(req);
            } catch (AssertionError e) {
                udmRequestProblems.add(e.getMessage());
            }
            if (req.pathWithoutQuery().endsWith("/auth-events")) {
                authEvents.add(SbiJson.read(req.body(), JsonNode.class));
            }
            return udmHandler.handle(req, conn);
        }).build().start();
        handler = new AusfUeAuthenticationHandler(AusfSettings.builder().apiRoot(API_ROOT)
                .udm(udm.localAddress(), "udm.5gc.mnc001.mcc001.3gppnetwork.org").contextLifetime(Duration.ofSeconds(30))
                .clock(clock).build());
        ausf = SbiServer.builder().name("ausf").cleartext().bind(loopback(0)).handler(handler).build().start();
        client = SbiClient.builder().cleartext().build();
        connection = client.connect(ausf.localAddress(), null).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        client.close();
        ausf.close();
        handler.close();
        udm.close();
    }

    @Test
    void fiveGAkaSucceedsWithTheUsimsResStarAndYieldsKseaf() throws Exception {
        authEvents.clear();
        SbiResponse created = authenticate(SUCI, SNN);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).contains("application/3gppHal+json");
        JsonNode ctx = json(created);
        String location = created.headers().first("location").orElseThrow();
        assertThat(location).startsWith(API_ROOT + "/nausf-auth/v1/ue-authentications/");
        assertThat(ctx.get("authType").asText()).isEqualTo("5G_AKA");
        assertThat(ctx.get("servingNetworkName").asText()).isEqualTo(SNN);
        assertThat(ctx.at("/_links/5g-aka/href").asText()).isEqualTo(location + "/5g-aka-confirmation");
        JsonNode av = ctx.get("5gAuthData");
        assertThat(av.has("xresStar")).as("the SEAF never sees XRES*").isFalse();
        assertThat(av.has("kausf")).isFalse();
        byte[] rand = HEX.parseHex(av.get("rand").asText());
        Usim.Answer ue = new Usim(K, OPC).answer(rand, HEX.parseHex(av.get("autn").asText()), SNN);
        // TS 33.501 6.1.3.2 step 9: the SEAF checks HXRES* against the UE's RES*.
        assertThat(av.get("hxresStar").asText()).isEqualTo(HEX.formatHex(FiveGAka.hxresStar(rand, ue.resStar())));

        SbiResponse confirmed = confirm(location, HEX.formatHex(ue.resStar()));
        assertThat(confirmed.status()).isEqualTo(200);
        JsonNode result = json(confirmed);
        assertThat(result.get("authResult").asText()).isEqualTo("AUTHENTICATION_SUCCESS");
        assertThat(result.get("supi").asText()).isEqualTo(SUPI);
        assertThat(result.get("kseaf").asText()).isEqualTo(HEX.formatHex(FiveGAka.kseaf(ue.kausf(), SNN)
                .toByteArray(InsecureSecretAccess.get())));
        // TS 33.501 6.1.4.1: the UDM hears of the success.
        JsonNode event = authEvents.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("auth event at the UDM").isNotNull();
        assertThat(event.get("success").asBoolean()).isTrue();
        assertThat(event.get("servingNetworkName").asText()).isEqualTo(SNN);
        // The context is used once.
        SbiResponse again = confirm(location, HEX.formatHex(ue.resStar()));
        assertThat(again.status()).isEqualTo(404);
        assertThat(cause(again)).isEqualTo("CONTEXT_NOT_FOUND");
        assertThat(udmRequestProblems).isEmpty();
    }

    @Test
    void aWrongResStarOrALateOneFails() throws Exception {
        authEvents.clear();
        String location = authenticate(SUPI, SNN).headers().first("location").orElseThrow();
        JsonNode failed = json(confirm(location, "0".repeat(32)));
        assertThat(failed.get("authResult").asText()).isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(failed.has("kseaf")).isFalse();
        assertThat(failed.has("supi")).isFalse();
        JsonNode event = authEvents.poll(20, TimeUnit.SECONDS);
        assertThat(event).as("auth event at the UDM").isNotNull();
        assertThat(event.get("success").asBoolean()).isFalse();

        SbiResponse created = authenticate(SUPI, SNN);
        JsonNode av = json(created).get("5gAuthData");
        Usim.Answer ue = new Usim(K, OPC).answer(HEX.parseHex(av.get("rand").asText()),
                HEX.parseHex(av.get("autn").asText()), SNN);
        clock.advance(Duration.ofSeconds(31));
        JsonNode late = json(confirm(created.headers().first("location").orElseThrow(), HEX.formatHex(ue.resStar())));
        assertThat(late.get("authResult").asText()).isEqualTo("AUTHENTICATION_FAILURE");
        assertThat(udmRequestProblems).isEmpty();
    }

    @Test
    void badInputAndUdmErrorsAreAnsweredWithCauses() throws Exception {
        assertThat(cause(authenticate(SUPI, "5G:nowhere"))).isEqualTo("MANDATORY_IE_INCORRECT");
        SbiResponse unknown = authenticate("imsi-001019999999999", SNN);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(cause(unknown)).isEqualTo("USER_NOT_FOUND");
        SbiResponse noBody = send(SbiRequest.json("POST", AusfUeAuthenticationHandler.COLLECTION,
                "[".getBytes(StandardCharsets.UTF_8)));
        assertThat(cause(noBody)).isEqualTo("INVALID_MSG_FORMAT");
        SbiResponse badRes = send(SbiRequest.json("PUT", AusfUeAuthenticationHandler.COLLECTION
                + "/x/5g-aka-confirmation", "{\"resStar\":\"12\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(cause(badRes)).isEqualTo("MANDATORY_IE_INCORRECT");
        assertThat(send(new SbiRequest("GET", AusfUeAuthenticationHandler.COLLECTION, SbiHeaders.empty(), new byte[0]))
                .status()).isEqualTo(405);
    }

    @Test
    void theServingNetworkNameMustBeTheOriginatingNetworks() throws Exception {
        SbiRequest foreign = new SbiRequest("POST", AusfUeAuthenticationHandler.COLLECTION, body(SUPI, SNN).headers()
                .with("3gpp-Sbi-Originating-Network-Id", "999-70; src: SEPP-sepp.5gc.mnc070.mcc999.3gppnetwork.org"),
                body(SUPI, SNN).body());
        SbiResponse refused = send(foreign);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(cause(refused)).isEqualTo("SERVING_NETWORK_NOT_AUTHORIZED");
        SbiRequest own = new SbiRequest("POST", AusfUeAuthenticationHandler.COLLECTION, body(SUPI, SNN).headers()
                .with("3gpp-Sbi-Originating-Network-Id", "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org"),
                body(SUPI, SNN).body());
        assertThat(send(own).status()).isEqualTo(201);
    }

    @Test
    void openContextsAreBoundedAndExpiredOnesMakeRoom() throws Exception {
        MutableClock own = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        try (AusfUeAuthenticationHandler small = new AusfUeAuthenticationHandler(AusfSettings.builder()
                .apiRoot(API_ROOT).udm(udm.localAddress(), "udm").maxContexts(1).contextLifetime(Duration.ofSeconds(5))
                .clock(own).build());
                SbiServer s = SbiServer.builder().name("ausf-small").cleartext().bind(loopback(0)).handler(small)
                        .build().start()) {
            SbiClientConnection c = client.connect(s.localAddress(), null).get(10, TimeUnit.SECONDS);
            assertThat(c.send(body(SUPI, SNN), "ausf", "http").get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
            SbiResponse full = c.send(body(SUPI, SNN), "ausf", "http").get(20, TimeUnit.SECONDS);
            assertThat(full.status()).isEqualTo(500);
            assertThat(cause(full)).isEqualTo("INSUFFICIENT_RESOURCES");
            own.advance(Duration.ofSeconds(5));
            assertThat(c.send(body(SUPI, SNN), "ausf", "http").get(20, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(small.openContexts()).isEqualTo(1);
        }
    }

    @Test
    void anUnreachableUdmGives504AndTheAusfKeepsServing() throws Exception {
        int deadPort = FreePorts.loopback(1)[0];
        try (AusfUeAuthenticationHandler lonely = new AusfUeAuthenticationHandler(AusfSettings.builder()
                .apiRoot(API_ROOT).udm(loopback(deadPort), "udm.example").build());
                SbiServer s = SbiServer.builder().name("ausf-2").cleartext().bind(loopback(0)).handler(lonely).build()
                        .start()) {
            SbiClientConnection c = client.connect(s.localAddress(), null).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 2; i++) {
                SbiResponse r = c.send(body(SUPI, SNN), "ausf", "http").get(20, TimeUnit.SECONDS);
                assertThat(r.status()).isEqualTo(504);
                assertThat(cause(r)).isEqualTo("UPSTREAM_SERVER_ERROR");
            }
        }
    }

    private static SbiResponse authenticate(String supiOrSuci, String snn) throws Exception {
        return send(body(supiOrSuci, snn));
    }

    private static SbiRequest body(String supiOrSuci, String snn) {
        return SbiRequest.json("POST", AusfUeAuthenticationHandler.COLLECTION, ("{\"supiOrSuci\":\"" + supiOrSuci
                + "\",\"servingNetworkName\":\"" + snn + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static SbiResponse confirm(String location, String resStar) throws Exception {
        String path = location.substring(API_ROOT.length()) + "/5g-aka-confirmation";
        return send(SbiRequest.json("PUT", path, ("{\"resStar\":\"" + resStar + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    private static SbiResponse send(SbiRequest r) throws Exception {
        return connection.send(r, "ausf.5gc.mnc001.mcc001.3gppnetwork.org", "http").get(20, TimeUnit.SECONDS);
    }

    private static JsonNode json(SbiResponse r) {
        return SbiJson.read(r.body(), JsonNode.class);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
