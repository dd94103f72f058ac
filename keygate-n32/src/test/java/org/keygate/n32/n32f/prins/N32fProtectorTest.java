package org.keygate.n32.n32f.prins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.ri.IpxVerificationKeys;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.n32.ri.ModificationsVerifier;
import org.keygate.n32.ri.RiModifier;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;

/** Two ends of one PRINS context, both directions of both sessions, through the wire form. */
class N32fProtectorTest {
    private static final String SUPI = "imsi-001010000000001";
    private static final String KAUSF = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    N32fProtector visited;
    N32fProtector home;
    PrinsContext homeContext;
    N32fContextId visitedId = N32fContextId.parse("0123456789abcdef");
    N32fContextId homeId = N32fContextId.parse("fedcba9876543210");

    @BeforeEach
    void contexts() throws Exception {
        byte[] m = new byte[64];
        m[0] = 7;
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(m)), visitedId, homeId,
                JweEnc.A256GCM);
        visited = new N32fProtector(new PrinsContext(N32Role.INITIATOR, visitedId, homeId, keys));
        homeContext = new PrinsContext(N32Role.RESPONDER, homeId, visitedId, keys);
        home = new N32fProtector(homeContext);
    }

    private static ClearRequest request() {
        return new ClearRequest("GET", "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-sdm/v2/" + SUPI + "/am-data", "plmn-id=" + "%7B%22mcc%22%3A%22999%22%7D",
                List.of(Map.entry("accept", "application/json")), null);
    }

    private static final EncryptionPlan REQUEST_PLAN =
            new EncryptionPlan("/nudm-sdm/v2/{supi}/am-data", Set.of("supi"), Set.of(), Set.of(), List.of());

    private static ClearResponse response() {
        return new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), SbiJson.read(
                ("{\"supi\":\"" + SUPI + "\",\"av\":{\"kausf\":\"" + KAUSF + "\"},\"gpsis\":[\"msisdn-1\"]}").getBytes(),
                JsonNode.class));
    }

    private static final EncryptionPlan RESPONSE_PLAN = EncryptionPlan.body(List.of("/supi", "/av"));

    @Test
    void parallelSessionRequestAndResponseSurviveTheWire() throws Exception {
        N32fReformattedReqMsg req = visited.protectRequest(request(), REQUEST_PLAN, "1");
        String wire = new String(SbiJson.write(req));
        assertThat(wire).doesNotContain(SUPI);
        OpenApiConformance.assertValidN32fRequest(req);
        var atHome = home.unprotectRequest(SbiJson.read(wire.getBytes(), N32fReformattedReqMsg.class));
        assertThat(atHome.message().path()).isEqualTo(request().path());
        assertThat(atHome.message().query()).isEqualTo(request().query());
        assertThat(atHome.messageId()).isEqualTo("1");

        N32fReformattedRspMsg rsp = home.protectResponse(response(), RESPONSE_PLAN, atHome.messageId());
        String rspWire = new String(SbiJson.write(rsp));
        assertThat(rspWire).doesNotContain(SUPI, KAUSF);
        OpenApiConformance.assertValidN32fResponse(rsp);
        var atVisited = visited.unprotectResponse(SbiJson.read(rspWire.getBytes(), N32fReformattedRspMsg.class), "1");
        assertThat((Object) atVisited.message().body()).isEqualTo(response().body());
    }

    @Test
    void reverseSessionUsesTheOtherKeys() throws Exception {
        N32fReformattedReqMsg req = home.protectRequest(request(), REQUEST_PLAN, "9");
        // The parallel direction's receiver cannot open it: other key, other salt.
        assertThatThrownBy(() -> visited.unprotectResponse(new N32fReformattedRspMsg(req.reformattedData(), null), "9"))
                .isInstanceOfSatisfying(N32fException.class,
                        e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_FAILED));
        var atVisited = visited.unprotectRequest(req);
        N32fReformattedRspMsg rsp = visited.protectResponse(response(), RESPONSE_PLAN, atVisited.messageId());
        assertThat((Object) home.unprotectResponse(rsp, "9").message().body()).isEqualTo(response().body());
    }

    @Test
    void aResponseMustEchoItsRequestsMessageId() throws Exception {
        N32fReformattedRspMsg rsp = home.protectResponse(response(), RESPONSE_PLAN, "5");
        assertThatThrownBy(() -> visited.unprotectResponse(rsp, "6")).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_FAILED));
    }

    @Test
    void modificationsAreRefusedUntilIntermediariesAreVerified() throws Exception {
        N32fReformattedReqMsg req = visited.protectRequest(request(), REQUEST_PLAN, "1");
        var withMods = new N32fReformattedReqMsg(req.reformattedData(),
                List.of(new FlatJwsJson("e30", "eyJhbGciOiJFUzI1NiJ9", null, "c2ln")));
        assertThatThrownBy(() -> home.unprotectRequest(withMods)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED));
    }

    @Test
    void withAVerifierTheCriModificationIsAppliedAndItsRemovalDetected() throws Exception {
        var g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        var criKeys = g.generateKeyPair();
        String cri = "ipx.visited-hub.example.org";
        var keys = IpxVerificationKeys.from(new IpxProviderSecInfo(cri,
                List.of(Base64.getEncoder().encodeToString(criKeys.getPublic().getEncoded())), null));
        var policy = new ModificationPolicy(List.of("/headers/0/value"));
        N32fProtector homeWithRi = new N32fProtector(homeContext, new ModificationsVerifier(
                ModificationsVerifier.index(List.of(keys)), id -> policy, java.util.Map.of(),
                ModificationPolicy.none()));
        N32fReformattedReqMsg sent = visited.protectRequest(request(), REQUEST_PLAN, "3", cri);
        var ri = new RiModifier(cri, (ECPrivateKey) criKeys.getPrivate(),
                policy);
        N32fReformattedReqMsg modified = ri.modify(sent, List.of(JsonNodeFactory.instance.objectNode().put("op", "replace").put("path", "/headers/0/value").put("value", "*/*")));
        var atHome = homeWithRi.unprotectRequest(SbiJson.read(SbiJson.write(modified), N32fReformattedReqMsg.class));
        assertThat(atHome.message().headers()).containsExactly(Map.entry("accept", "*/*"));
        assertThat(atHome.message().path()).isEqualTo(request().path());
        // Stripping the RI's JWS on the way is detected: the sender named an authorized RI.
        N32fReformattedReqMsg again = visited.protectRequest(request(), REQUEST_PLAN, "4", cri);
        assertThatThrownBy(() -> homeWithRi.unprotectRequest(again)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED));
    }

    @Test
    void aReplayedRequestIsRefused() throws Exception {
        N32fReformattedReqMsg req = visited.protectRequest(request(), REQUEST_PLAN, "1");
        home.unprotectRequest(req);
        assertThatThrownBy(() -> home.unprotectRequest(req)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_FAILED));
    }
}
