package org.keygate.n32.ri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.jwe.FlatJweJson;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;
import org.keygate.n32.n32f.model.FlatJwsJson;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.Modifications;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.n32.n32f.reformat.N32fReformatter;
import org.keygate.n32.n32f.reformat.Reformatted;

/** Roaming Intermediary modifications: signed by the RI side, verified and applied by the receiving SEPP. */
class ModificationsTest {
    private static final String CRI = "ipx.visited-hub.example.org";
    private static final String PRI = "ipx.home-hub.example.org";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SNN = "/payload/1/value/servingNetworkName";

    KeyPair criKeys;
    KeyPair priKeys;
    KeyPair strangerKeys;
    MetaData meta;
    JsonNode aad;
    N32fReformattedReqMsg message;
    ModificationsVerifier verifier;

    @BeforeEach
    void message() throws Exception {
        criKeys = p256();
        priKeys = p256();
        strangerKeys = p256();
        meta = new MetaData("fedcba9876543210", "1", CRI);
        ClearRequest req = new ClearRequest("POST", "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/suci-0-001-01-0000-0-0-0000000001/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json")),
                SbiJson.read("{\"servingNetworkName\":\"5G:mnc070.mcc999.3gppnetwork.org\",\"ausfInstanceId\":\"a\"}"
                        .getBytes(), JsonNode.class));
        Reformatted r = N32fReformatter.request(req, new EncryptionPlan(
                "/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data", java.util.Set.of("supiOrSuci"),
                java.util.Set.of(), java.util.Set.of(), List.of()), meta);
        aad = SbiJson.mapper().valueToTree(r.integrityProtected());
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(new byte[64])),
                N32fContextId.parse("0123456789abcdef"), N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM);
        FlatJweJson jwe = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt())
                .encrypt(SbiJson.write(r.integrityProtected()), SbiJson.write(r.encrypted()));
        message = new N32fReformattedReqMsg(jwe, null);
        // Seen from the receiving SEPP: the cRI is the partner's RI (keys from N32-c), the pRI its own (configured).
        verifier = new ModificationsVerifier(ModificationsVerifier.index(List.of(keysOf(CRI, criKeys))),
                id -> new ModificationPolicy(List.of(SNN)), ModificationsVerifier.index(List.of(keysOf(PRI, priKeys))),
                new ModificationPolicy(List.of("/payload/1/value/ausfInstanceId")));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static IpxVerificationKeys keysOf(String id, KeyPair kp) {
        return IpxVerificationKeys.from(new IpxProviderSecInfo(id,
                List.of(Base64.getEncoder().encodeToString(kp.getPublic().getEncoded())), null));
    }

    private static JsonNode replace(String path, String value) {
        return F.objectNode().put("op", "replace").put("path", path).put("value", value);
    }

    private JsonNode applied(N32fReformattedReqMsg m) throws N32fException {
        return verifier.apply(aad, m.modificationsBlock(), m.reformattedData().tag(), meta);
    }

    @Test
    void cRiThenPRiChangesAreVerifiedAndAppliedInOrder() throws Exception {
        var cri = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), new ModificationPolicy(List.of(SNN)));
        var pri = new RiModifier(PRI, (ECPrivateKey) priKeys.getPrivate(),
                new ModificationPolicy(List.of("/payload/1/value/ausfInstanceId")));
        N32fReformattedReqMsg twice = pri.modify(cri.modify(message, List.of(replace(SNN, "5G:mnc071.mcc999.3gppnetwork.org"))),
                List.of(replace("/payload/1/value/ausfInstanceId", "b")));
        JsonNode out = applied(twice);
        assertThat(out.at(SNN).asText()).isEqualTo("5G:mnc071.mcc999.3gppnetwork.org");
        assertThat(out.at("/payload/1/value/ausfInstanceId").asText()).isEqualTo("b");
        assertThat(aad.at(SNN).asText()).isEqualTo("5G:mnc070.mcc999.3gppnetwork.org");
    }

    @Test
    void theRiSignatureVerifiesWithThePlainJdkOverTheJwsSigningInput() throws Exception {
        var cri = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), new ModificationPolicy(List.of(SNN)));
        FlatJwsJson jws = cri.modify(message, List.of()).modificationsBlock().getFirst();
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initVerify(criKeys.getPublic());
        s.update((jws.protectedHeader() + "." + jws.payload()).getBytes(StandardCharsets.US_ASCII));
        assertThat(s.verify(Base64.getUrlDecoder().decode(jws.signature()))).isTrue();
        JsonNode payload = SbiJson.read(Base64.getUrlDecoder().decode(jws.payload()), JsonNode.class);
        assertThat(payload.get("identity").asText()).isEqualTo(CRI);
        assertThat(payload.get("tag").asText()).isEqualTo(message.reformattedData().tag());
        assertThat(payload.has("operations")).isFalse();
        // An empty patch still gets a JWS (TS 33.501 13.2.4.5.1 NOTE 2) and changes nothing.
        assertThat(applied(cri.modify(message, List.of()))).isEqualTo(aad);
    }

    @Test
    void signatureIdentityKeyAndTagProblemsAreIntegrityFailures() throws Exception {
        var byStranger = new RiModifier(CRI, (ECPrivateKey) strangerKeys.getPrivate(), ModificationPolicy.none());
        assertIntegrity(message(byStranger.sign(new Modifications(CRI, null, tag()))));
        var pri = new RiModifier(PRI, (ECPrivateKey) priKeys.getPrivate(), ModificationPolicy.none());
        assertIntegrity(message(pri.sign(new Modifications(PRI, null, tag())))); // first must be the authorized cRI
        var cri = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), ModificationPolicy.none());
        assertIntegrity(message(cri.sign(new Modifications(CRI, null, "AAAAAAAAAAAAAAAAAAAAAA")))); // another message
        FlatJwsJson good = cri.sign(new Modifications(CRI, null, tag()));
        assertIntegrity(message(good, good, good)); // three RIs
        String hs256 = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\"}".getBytes());
        assertIntegrity(message(new FlatJwsJson(good.payload(), hs256, null, good.signature())));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertIntegrity(message(new FlatJwsJson(good.payload(), none, null, "")));
        assertThatThrownBy(() -> verifier.apply(aad, List.of(good), tag(), new MetaData("fedcba9876543210", "1", "NULL")))
                .isInstanceOfSatisfying(N32fException.class,
                        e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED));
        assertThat(applied(message(good))).isEqualTo(aad);
    }

    @Test
    void eachPlaceOfTheBlockIsVerifiedWithTheKeysOfWhoMaySignThere() throws Exception {
        var cri = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), ModificationPolicy.none());
        var pri = new RiModifier(PRI, (ECPrivateKey) priKeys.getPrivate(), ModificationPolicy.none());
        FlatJwsJson byCri = cri.sign(new Modifications(CRI, null, tag()));
        FlatJwsJson byPri = pri.sign(new Modifications(PRI, null, tag()));
        // The order TS 33.501 13.2.4.5.2 gives: the sender's RI (authorized), then the receiver's own.
        assertThat(applied(message(byCri, byPri))).isEqualTo(aad);
        // The receiver's RI first, the partner's second: refused.
        assertIntegrity(message(byPri, byCri));
        // The partner's RI twice: it is not this SEPP's RI, so it may not sign second.
        assertIntegrity(message(byCri, byCri));
        // A second RI the partner announced but that is not this SEPP's: refused even with a valid signature.
        KeyPair otherPartnerRi = p256();
        String other = "ipx.other-hub.example.org";
        var twoPartnerRis = new ModificationsVerifier(ModificationsVerifier.index(List.of(keysOf(CRI, criKeys),
                keysOf(other, otherPartnerRi))), id -> ModificationPolicy.none(),
                ModificationsVerifier.index(List.of(keysOf(PRI, priKeys))), ModificationPolicy.none());
        FlatJwsJson byOther = new RiModifier(other, (ECPrivateKey) otherPartnerRi.getPrivate(),
                ModificationPolicy.none()).sign(new Modifications(other, null, tag()));
        assertThatThrownBy(() -> twoPartnerRis.apply(aad, List.of(byCri, byOther), tag(), meta))
                .isInstanceOfSatisfying(N32fException.class, e -> {
                    assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED);
                    assertThat(e.getMessage()).contains("not this SEPP's Roaming Intermediary");
                });
        // The own RI's identity signed with the partner RI's key: the own RI's keys are the configured ones only.
        FlatJwsJson priNameCriKey = new RiModifier(PRI, (ECPrivateKey) criKeys.getPrivate(), ModificationPolicy.none())
                .sign(new Modifications(PRI, null, tag()));
        assertIntegrity(message(byCri, priNameCriKey));
        // The sending SEPP may name the receiver's RI as its first hop (13.2.4.3.1.2); nobody may follow it.
        MetaData priFirst = new MetaData("fedcba9876543210", "1", PRI);
        assertThat(verifier.apply(aad, List.of(byPri), tag(), priFirst)).isEqualTo(aad);
        assertThatThrownBy(() -> verifier.apply(aad, List.of(byPri, byPri), tag(), priFirst))
                .isInstanceOf(N32fException.class);
    }

    @Test
    void eachRiIsHeldToItsOwnPolicy() throws Exception {
        // The cRI may change servingNetworkName only (the partner's policy), the pRI ausfInstanceId only (own policy).
        var criWide = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), ModificationPolicy.none());
        var priWide = new RiModifier(PRI, (ECPrivateKey) priKeys.getPrivate(), ModificationPolicy.none());
        FlatJwsJson criOnAusf = criWide.sign(new Modifications(CRI,
                List.of(replace("/payload/1/value/ausfInstanceId", "b")), tag()));
        FlatJwsJson priOnSnn = priWide.sign(new Modifications(PRI,
                List.of(replace(SNN, "5G:mnc071.mcc999.3gppnetwork.org")), tag()));
        FlatJwsJson criEmpty = criWide.sign(new Modifications(CRI, null, tag()));
        for (N32fReformattedReqMsg m : List.of(message(criOnAusf), message(criEmpty, priOnSnn))) {
            assertThatThrownBy(() -> applied(m)).isInstanceOfSatisfying(N32fException.class,
                    e -> assertThat(e.type()).isEqualTo(N32fErrorType.MODIFICATIONS_INSTRUCTIONS_FAILED));
        }
    }

    @Test
    void patchesOutsideTheRulesAreInstructionFailures() throws Exception {
        var cri = new RiModifier(CRI, (ECPrivateKey) criKeys.getPrivate(), ModificationPolicy.none());
        ObjectNode move = F.objectNode().put("op", "move").put("from", "/payload/0/value").put("path", SNN);
        ObjectNode outside = (ObjectNode) replace("/requestLine/authority", "evil.example.org");
        ObjectNode overwriteRef = F.objectNode().put("op", "replace").put("path", "/payload/0/value");
        overwriteRef.putObject("value").put("x", 1);
        ObjectNode insertRef = F.objectNode().put("op", "replace").put("path", SNN);
        insertRef.putObject("value").put("encBlockIndex", 0);
        ObjectNode missing = (ObjectNode) F.objectNode().put("op", "remove").put("path", SNN + "x");
        var broadPolicy = new ModificationsVerifier(ModificationsVerifier.index(List.of(keysOf(CRI, criKeys))),
                id -> new ModificationPolicy(List.of(SNN, "/payload/0/value", SNN + "x")), Map.of(),
                ModificationPolicy.none());
        List<String> accepted = new java.util.ArrayList<>();
        for (JsonNode op : List.of(move, outside, overwriteRef, insertRef, missing)) {
            N32fReformattedReqMsg m = message(cri.sign(new Modifications(CRI, List.of(op), tag())));
            try {
                broadPolicy.apply(aad, m.modificationsBlock(), tag(), meta);
                accepted.add(op.toString());
            } catch (N32fException e) {
                assertThat(e.type()).as(op.toString()).isEqualTo(N32fErrorType.MODIFICATIONS_INSTRUCTIONS_FAILED);
            }
        }
        assertThat(accepted).isEmpty();
    }

    private String tag() {
        return message.reformattedData().tag();
    }

    private N32fReformattedReqMsg message(FlatJwsJson... jws) {
        return new N32fReformattedReqMsg(message.reformattedData(), List.of(jws));
    }

    private void assertIntegrity(N32fReformattedReqMsg m) {
        assertThatThrownBy(() -> applied(m)).isInstanceOfSatisfying(N32fException.class,
                e -> assertThat(e.type()).isEqualTo(N32fErrorType.INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED));
    }
}
