package org.keygate.n32.n32f.reformat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.MetaData;

/**
 * The reformatting of shared/docs/N32-EXAMPLES.md, computed by an implementation independent of keygate: the
 * Nudm_UEAU generate-auth-data request (SUCI in the path encrypted) and its response (authentication vector and
 * SUPI encrypted).
 */
class N32fReformatExamplesTest {
    private static final String TEMPLATE = "/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data";
    private static final String SUCI = "suci-0-001-01-0000-0-0-0000000001";

    JsonNode examples;

    @BeforeEach
    void load() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/ts33501-13.2.4.4.1-n32-examples.json")) {
            examples = SbiJson.mapper().readTree(in);
        }
    }

    private JsonNode exampleAad(int message) {
        String aad = examples.get("messages").get(message).get("reformattedData").get("aad").asText();
        return SbiJson.read(Base64.getUrlDecoder().decode(aad), JsonNode.class);
    }

    static ClearRequest nfRequest() {
        return new ClearRequest("POST", "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/" + SUCI + "/security-information/generate-auth-data", null,
                List.of(Map.entry("3gpp-Sbi-Target-apiRoot", "https://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
                        Map.entry("content-type", "application/json"),
                        Map.entry("3gpp-sbi-originating-network-id", "999-70")),
                SbiJson.read(("{\"servingNetworkName\":\"5G:mnc070.mcc999.3gppnetwork.org\","
                        + "\"ausfInstanceId\":\"2f7c9a44-1c7e-4d1b-9a35-0a7b3c3e9b11\"}").getBytes(), JsonNode.class));
    }

    @Test
    void theRequestReformatsExactlyAsTheExample() throws Exception {
        Reformatted r = N32fReformatter.request(nfRequest(),
                new EncryptionPlan(TEMPLATE, Set.of("supiOrSuci"), Set.of(), Set.of(), List.of()),
                new MetaData("fedcba9876543210", "1", MetaData.NO_IPX));
        JsonNode aad = SbiJson.mapper().valueToTree(r.integrityProtected());
        assertThat((Object) aad).isEqualTo(exampleAad(0));
        // Member order too: the aad we send is byte for byte the example's.
        String exampleB64 = examples.get("messages").get(0).get("reformattedData").get("aad").asText();
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(SbiJson.write(r.integrityProtected())))
                .isEqualTo(exampleB64);
        JsonNode plaintext = SbiJson.mapper().valueToTree(r.encrypted());
        assertThat((Object) plaintext).isEqualTo(examples.get("messages").get(0).get("plaintextJson"));
    }

    @Test
    void theDefaultPolicyLeadsToTheExampleRequestByteForByte() throws Exception {
        ClearRequest nf = nfRequest();
        EncryptionPlan plan = new org.keygate.n32.policy.EncryptionPlanner(
                List.of(org.keygate.n32.policy.DefaultProtectionPolicy.get()))
                .forRequest(nf.method(), nf.path(), nf.body());
        Reformatted r = N32fReformatter.request(nf, plan, new MetaData("fedcba9876543210", "1", MetaData.NO_IPX));
        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(SbiJson.write(r.integrityProtected())))
                .isEqualTo(examples.get("messages").get(0).get("reformattedData").get("aad").asText());
    }

    @Test
    void theResponseReformatsAsTheExample() throws Exception {
        JsonNode plaintext = examples.get("messages").get(1).get("plaintextJson");
        JsonNode body = SbiJson.mapper().createObjectNode().put("authType", "5G_AKA")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("authenticationVector",
                        plaintext.get("dataToEncrypt").get(0))
                .set("supi", plaintext.get("dataToEncrypt").get(1));
        Reformatted r = N32fReformatter.response(
                new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), body),
                EncryptionPlan.body(List.of("/authenticationVector", "/supi")),
                new MetaData("0123456789abcdef", "1", MetaData.NO_IPX));
        assertThat((Object) SbiJson.mapper().valueToTree(r.integrityProtected())).isEqualTo(exampleAad(1));
        assertThat((Object) SbiJson.mapper().valueToTree(r.encrypted())).isEqualTo(plaintext);
    }

    @Test
    void theReceiverRebuildsTheNfRequestFromTheExampleBlocks() throws Exception {
        DataToIntegrityProtectBlock block = SbiJson.mapper().treeToValue(exampleAad(0),
                DataToIntegrityProtectBlock.class);
        DataToIntegrityProtectAndCipherBlock cipher = SbiJson.mapper().treeToValue(
                examples.get("messages").get(0).get("plaintextJson"), DataToIntegrityProtectAndCipherBlock.class);
        ClearRequest rebuilt = N32fReconstructor.request(block, cipher);
        ClearRequest original = nfRequest();
        assertThat(rebuilt.method()).isEqualTo("POST");
        assertThat(rebuilt.path()).isEqualTo(original.path());
        assertThat(rebuilt.authority()).isEqualTo(original.authority());
        assertThat((Object) rebuilt.body()).isEqualTo(original.body());
        assertThat(rebuilt.headers()).containsExactly(original.headers().get(1), original.headers().get(2));
    }
}
