package org.keygate.ipx.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
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
import org.keygate.n32.ri.IpxVerificationKeys;
import org.keygate.n32.ri.ModificationPolicy;
import org.keygate.n32.ri.ModificationsVerifier;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.n32.n32f.jwe.N32fJweEncrypter;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.n32.n32f.reformat.N32fReformatter;
import org.keygate.n32.n32f.reformat.Reformatted;

/**
 * The IPX's modification step on a real PRINS request (reformatted and encrypted as a SEPP does), checked with the
 * receiving SEPP's own verifier: what it signs, what it leaves out, and what it leaves alone.
 */
class IpxModifierTest {
    private static final String AUSF = "/ausfInstanceId";
    private static final String PATH = "/nudm-ueau/v1/suci-0-999-99-0-0-0-1/security-information/generate-auth-data";

    KeyPair key;
    ModificationsVerifier verifier;

    @BeforeEach
    void keys() throws Exception {
        key = IpxFixtures.p256();
        ModificationPolicy all = new ModificationPolicy(List.of("/payload/*/value/servingNetworkName",
                "/payload/*/value/ausfInstanceId", "/payload/*/value/resynchronizationInfo",
                "/payload/*/value/supportedFeatures"));
        verifier = new ModificationsVerifier(ModificationsVerifier.index(List.of(IpxVerificationKeys.from(
                new IpxProviderSecInfo(IpxFixtures.IPX_ID, List.of(Base64.getEncoder().encodeToString(
                        key.getPublic().getEncoded())), null)))), id -> all, java.util.Map.of(),
                ModificationPolicy.none());
    }

    private static Message message(String authorizedIpxId, EncryptionPlan plan) throws Exception {
        MetaData meta = new MetaData("fedcba9876543210", "7", authorizedIpxId);
        ClearRequest req = new ClearRequest("POST", "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org", PATH, null,
                List.of(Map.entry("content-type", "application/json")), SbiJson.read(
                        "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\",\"ausfInstanceId\":\"a\"}"
                                .getBytes(), JsonNode.class));
        Reformatted r = N32fReformatter.request(req, plan, meta);
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(new byte[64])),
                N32fContextId.parse("0123456789abcdef"), N32fContextId.parse("fedcba9876543210"), JweEnc.A128GCM);
        var jwe = new N32fJweEncrypter(keys.parallelRequestKey(), keys.parallelRequestIvSalt())
                .encrypt(SbiJson.write(r.integrityProtected()), SbiJson.write(r.encrypted()));
        ObjectNode wire = SbiJson.mapper().valueToTree(new N32fReformattedReqMsg(jwe, null));
        wire.put("x-extension", "kept");
        return new Message(wire, SbiJson.write(wire), SbiJson.mapper().valueToTree(r.integrityProtected()), meta);
    }

    private record Message(ObjectNode wire, byte[] bytes, JsonNode aad, MetaData meta) {}

    private IpxModifier modifier(ModificationRule... rules) {
        return new IpxModifier(IpxFixtures.IPX_ID, IpxFixtures.modifications(key, rules));
    }

    private JsonNode verified(Message m, IpxModifier.Outcome out) throws Exception {
        N32fReformattedReqMsg sent = SbiJson.read(out.body(), N32fReformattedReqMsg.class);
        return verifier.apply(m.aad(), sent.modificationsBlock(), sent.reformattedData().tag(), m.meta());
    }

    @Test
    void aMatchingRuleIsMovedUnderTheBodyEntrySignedAndAppliesAtTheReceiver() throws Exception {
        Message m = message(IpxFixtures.IPX_ID, EncryptionPlan.none());
        IpxModifier.Outcome out = modifier(IpxFixtures.rule("replace", AUSF, "b")).modify(m.wire(), m.bytes());
        assertThat(out.operations()).isEqualTo(1);
        JsonNode applied = verified(m, out);
        assertThat(applied.at("/payload/0/value/ausfInstanceId").asText()).isEqualTo("b");
        assertThat(SbiJson.read(out.body(), JsonNode.class).path("x-extension").asText()).isEqualTo("kept");
    }

    @Test
    void anOperationWithoutATargetInThisMessageIsLeftOutButTheEntryIsStillSigned() throws Exception {
        Message m = message("IPX.example.org", EncryptionPlan.none());
        IpxModifier.Outcome out = modifier(IpxFixtures.rule("replace", "/resynchronizationInfo", "x"),
                IpxFixtures.rule("add", "/supportedFeatures/x", "1")).modify(m.wire(), m.bytes());
        assertThat(out.signed()).isTrue();
        assertThat(out.operations()).isZero();
        assertThat(verified(m, out)).isEqualTo(m.aad());
    }

    @Test
    void anEncryptedIeIsNeverTargeted() throws Exception {
        Message m = message(IpxFixtures.IPX_ID, EncryptionPlan.body(List.of(AUSF)));
        assertThat(m.aad().at("/payload/0/value/ausfInstanceId").has("encBlockIndex")).isTrue();
        IpxModifier.Outcome out = modifier(IpxFixtures.rule("replace", AUSF, "b")).modify(m.wire(), m.bytes());
        assertThat(out.operations()).isZero();
        assertThat(verified(m, out)).isEqualTo(m.aad());
    }

    @Test
    void aMessageForAnotherIntermediaryOrNoneIsForwardedByteForByte() throws Exception {
        for (String other : List.of("other-ipx.example.org", MetaData.NO_IPX)) {
            Message m = message(other, EncryptionPlan.none());
            IpxModifier.Outcome out = modifier(IpxFixtures.rule("replace", AUSF, "b")).modify(m.wire(), m.bytes());
            assertThat(out.signed()).isFalse();
            assertThat(out.body()).isSameAs(m.bytes());
        }
    }

    @Test
    void rulesForOtherRequestsDoNotApply() throws Exception {
        Message m = message(IpxFixtures.IPX_ID, EncryptionPlan.none());
        ModificationRule get = new ModificationRule(java.util.Optional.of("GET"), PATH,
                IpxFixtures.rule("replace", AUSF, "b").operations());
        ModificationRule otherPath = new ModificationRule(java.util.Optional.empty(),
                "/nudm-ueau/v1/*/auth-events", IpxFixtures.rule("replace", AUSF, "b").operations());
        assertThat(modifier(get, otherPath).modify(m.wire(), m.bytes()).operations()).isZero();
    }

    /** TS 33.501 13.2.4.5.2: the second RI signs after the first, against the first's result, for its own SEPP only. */
    @Test
    void asSecondRiItSignsAfterTheAuthorizedFirstAgainstItsResultForItsOwnSeppOnly() throws Exception {
        String first = "cipx.example.org";
        KeyPair firstKey = IpxFixtures.p256();
        Message m = message(first, EncryptionPlan.none());
        N32fReformattedReqMsg byFirst = new org.keygate.n32.ri.RiModifier(first,
                (java.security.interfaces.ECPrivateKey) firstKey.getPrivate(), new ModificationPolicy(List.of(
                        "/payload/*/value/ausfInstanceId"))).modify(SbiJson.read(m.bytes(), N32fReformattedReqMsg.class),
                List.of(SbiJson.mapper().createObjectNode().put("op", "replace")
                        .put("path", "/payload/0/value/ausfInstanceId").put("value", "b")));
        ObjectNode wire = SbiJson.mapper().valueToTree(byFirst);
        byte[] bytes = SbiJson.write(wire);
        ModificationRule afterFirst = new ModificationRule(java.util.Optional.of("POST"), PATH, List.of(
                IpxFixtures.rule("test", AUSF, "b").operations().getFirst(),
                IpxFixtures.rule("replace", AUSF, "c").operations().getFirst()));
        IpxModifier second = modifier(afterFirst);

        IpxModifier.Outcome out = second.modify(wire, bytes, ModificationRule.Message.REQUEST, null, true);

        assertThat(out.operations()).isEqualTo(2);
        N32fReformattedReqMsg sent = SbiJson.read(out.body(), N32fReformattedReqMsg.class);
        assertThat(sent.modificationsBlock()).hasSize(2);
        ModificationsVerifier atOwnSepp = new ModificationsVerifier(
                ModificationsVerifier.index(List.of(keysOf(first, firstKey))),
                id -> new ModificationPolicy(List.of("/payload/*/value/ausfInstanceId")),
                ModificationsVerifier.index(List.of(keysOf(IpxFixtures.IPX_ID, key))),
                new ModificationPolicy(List.of("/payload/*/value/ausfInstanceId")));
        JsonNode applied = atOwnSepp.apply(m.aad(), sent.modificationsBlock(), sent.reformattedData().tag(), m.meta());
        assertThat(applied.at("/payload/0/value/ausfInstanceId").asText()).isEqualTo("c");
        // Not its own SEPP's message, the first RI's entry missing, or no RI authorized: it does not sign.
        assertThat(second.modify(wire, bytes, ModificationRule.Message.REQUEST, null, false).signed()).isFalse();
        assertThat(second.modify(m.wire(), m.bytes(), ModificationRule.Message.REQUEST, null, true).signed())
                .isFalse();
        Message none = message(MetaData.NO_IPX, EncryptionPlan.none());
        assertThat(second.modify(none.wire(), none.bytes(), ModificationRule.Message.REQUEST, null, true).signed())
                .isFalse();
        // Rules on answers do not touch the request, and rules on requests do not touch answers.
        ModificationRule onAnswers = new ModificationRule(java.util.Optional.of("POST"), PATH,
                IpxFixtures.rule("replace", AUSF, "c").operations(), ModificationRule.Message.ANSWER);
        Message mine = message(IpxFixtures.IPX_ID, EncryptionPlan.none());
        assertThat(modifier(onAnswers).modify(mine.wire(), mine.bytes()).operations()).isZero();
    }

    private static IpxVerificationKeys keysOf(String id, KeyPair kp) {
        return IpxVerificationKeys.from(new IpxProviderSecInfo(id,
                List.of(Base64.getEncoder().encodeToString(kp.getPublic().getEncoded())), null));
    }
}
