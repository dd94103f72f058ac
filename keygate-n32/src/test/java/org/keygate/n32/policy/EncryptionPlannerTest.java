package org.keygate.n32.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32f.reformat.BinaryPart;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.EncryptionPlan;

class EncryptionPlannerTest {
    private static final String SUCI_PATH =
            "/nudm-ueau/v1/suci-0-001-01-0000-0-0-0000000001/security-information/generate-auth-data";

    @Test
    void theDefaultPolicyGivesTheExamplesPlans() {
        EncryptionPlanner planner = new EncryptionPlanner(List.of(DefaultProtectionPolicy.get()));
        EncryptionPlan request = planner.forRequest("POST", SUCI_PATH, null);
        assertThat(request.pathTemplate())
                .isEqualTo("/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data");
        assertThat(request.pathVariables()).containsExactly("supiOrSuci");
        JsonNode body = SbiJson.read("{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"rand\":\"00\"},\"supi\":\"imsi-1\"}"
                .getBytes(), JsonNode.class);
        assertThat(planner.forResponse("POST", SUCI_PATH, body).bodyPointers())
                .containsExactly("/authenticationVector", "/supi");
        // Another API or method: nothing from this mapping.
        assertThat(planner.forRequest("GET", SUCI_PATH, null).pathVariables()).isEmpty();
        assertThat(planner.forRequest("POST", "/nudm-sdm/v2/imsi-1/am-data", null).pathVariables()).isEmpty();
    }

    @Test
    void typesOutsideBothPoliciesStayInTheClearButTheMandatoryOnesNever() {
        ProtectionPolicy peer = new ProtectionPolicy(List.of(new ApiIeMapping(
                TextNode.valueOf("/{ueId}/sdm-subscriptions"), "POST", List.of(
                        new IeInfo("URI_PARAM", "UEID", "ueId", null, null, null),
                        new IeInfo("BODY", "LOCATION", "/ueLocation", null, null, null),
                        new IeInfo("BODY", "OTHER", "/callbackReference", null, null, null),
                        new IeInfo("HEADER", "AUTHORIZATION_TOKEN", "Authorization", null, null, null),
                        new IeInfo("URI_PARAM", "KEY_MATERIAL", "key", null, null, null)))),
                List.of("OTHER"));
        EncryptionPlanner planner = new EncryptionPlanner(List.of(peer));
        JsonNode body = SbiJson.read("{\"ueLocation\":{\"x\":1},\"callbackReference\":\"https://cb\"}".getBytes(),
                JsonNode.class);
        EncryptionPlan plan = planner.forRequest("POST", "/nudm-sdm/v2/imsi-1/sdm-subscriptions", body);
        // UEID is not in this policy's list: the SUPI stays in the clear; LOCATION and tokens never do.
        assertThat(plan.pathVariables()).isEmpty();
        assertThat(plan.bodyPointers()).containsExactly("/ueLocation", "/callbackReference");
        assertThat(plan.headers()).containsExactly("authorization");
        assertThat(plan.queryParameters()).containsExactly("key");
    }

    @Test
    void wildcardsExpandAgainstTheBody() {
        JsonNode body = SbiJson.read("{\"items\":[{\"supi\":\"a\"},{\"x\":1},{\"supi\":\"b\"}],\"m\":{\"k1\":{\"supi\":\"c\"}}}"
                .getBytes(), JsonNode.class);
        assertThat(EncryptionPlanner.expand(body, "/items/*/supi")).containsExactly("/items/0/supi", "/items/2/supi");
        assertThat(EncryptionPlanner.expand(body, "/m/*/supi")).containsExactly("/m/k1/supi");
        assertThat(EncryptionPlanner.expand(body, "/absent")).isEmpty();
    }

    @Test
    void theDefaultRulesHoldUnderAPolicyThatMapsNothingOfThem() {
        // A configured policy (TS 33.501 13.2.3.6 level 2) that only maps an unrelated IE and lists no type at all.
        ProtectionPolicy bare = new ProtectionPolicy(List.of(new ApiIeMapping(TextNode.valueOf("/{ueId}/am-data"),
                "GET", List.of(new IeInfo("URI_PARAM", "OTHER", "ueId", null, null, null)))), null);
        EncryptionPlanner planner = new EncryptionPlanner(List.of(bare));
        EncryptionPlan request = planner.forRequest("POST", SUCI_PATH, null);
        // 5.9.3.3: the token wherever it is, in every request, mapped or not.
        assertThat(request.headers()).containsExactly("authorization");
        assertThat(planner.forRequest("GET", "/nnrf-disc/v1/nf-instances", null).headers())
                .containsExactly("authorization");
        // The AV of the default mappings (AUTHENTICATION_MATERIAL), though the policy has no mapping for it.
        JsonNode body = SbiJson.read("{\"authType\":\"5G_AKA\",\"authenticationVector\":{\"rand\":\"00\"},\"supi\":\"imsi-1\"}"
                .getBytes(), JsonNode.class);
        // SUPI is UEID, a "should" of 5.9.3.3 that this policy did not choose: it stays in the clear.
        assertThat(planner.forResponse("POST", SUCI_PATH, body).bodyPointers())
                .containsExactly("/authenticationVector");
    }

    @Test
    void smsContentIsAlwaysEncryptedAndOtherBinaryPartsFollowThePolicy() {
        EncryptionPlanner planner = new EncryptionPlanner(List.of(DefaultProtectionPolicy.get()));
        ClearRequest sms = new ClearRequest("POST", "https", "smsf.example", "/nsmsf-sms/v2/ue-contexts/imsi-1/sendsms",
                null, List.of(), SbiJson.read("{\"smsPayload\":{\"contentId\":\"sms\"}}".getBytes(), JsonNode.class),
                List.of(new BinaryPart("sms", "application/vnd.3gpp.sms", new byte[] {1, 2}),
                        new BinaryPart("n1", "application/vnd.3gpp.5gnas", new byte[] {3})));
        EncryptionPlan plan = planner.forRequest(sms);
        assertThat(plan.binaryParts()).containsExactly("sms");
    }

    @Test
    void mappingsOfOneApiAddUpWhateverTheMethodsCase() {
        // Two policies map the same API: the plan is the union of both, for "post" as for "POST".
        ProtectionPolicy first = new ProtectionPolicy(List.of(new ApiIeMapping(
                TextNode.valueOf("/nexample/v1/{supi}/things"), "POST", List.of(
                        new IeInfo("URI_PARAM", "UEID", "supi", null, null, null),
                        new IeInfo("HEADER", "OTHER", "X-First", null, null, null),
                        new IeInfo("BODY", "OTHER", "/a/b", "/r", null, null)))), List.of("UEID", "OTHER"));
        ProtectionPolicy second = new ProtectionPolicy(List.of(new ApiIeMapping(
                TextNode.valueOf("/{supi}/things"), "post", List.of(
                        new IeInfo("URI_PARAM", "OTHER", "filter", null, null, null),
                        new IeInfo("HEADER", "OTHER", "X-Second", null, null, null),
                        new IeInfo("BODY", "OTHER", "/items/*/supi", null, null, null),
                        new IeInfo("BODY", "OTHER", "/absent", null, null, null)))), null);
        EncryptionPlanner planner = new EncryptionPlanner(List.of(first, second));
        JsonNode body = SbiJson.read("{\"a\":{\"b\":1},\"items\":[{\"supi\":\"x\"},{\"supi\":\"y\"}]}".getBytes(),
                JsonNode.class);

        for (String method : List.of("POST", "post", "Post")) {
            EncryptionPlan plan = planner.forRequest(method, "/nexample/v1/imsi-1/things", body);
            assertThat(plan.pathTemplate()).isEqualTo("/nexample/v1/{supi}/things");
            assertThat(plan.pathVariables()).containsExactly("supi");
            assertThat(plan.queryParameters()).containsExactly("filter");
            assertThat(plan.headers()).containsExactlyInAnyOrder("authorization", "x-first", "x-second");
            assertThat(plan.bodyPointers()).containsExactly("/a/b", "/items/0/supi", "/items/1/supi");
        }
        EncryptionPlan response = planner.forResponse("POST", "/nexample/v1/imsi-1/things",
                SbiJson.read("{\"r\":{}}".getBytes(), JsonNode.class));
        assertThat(response.bodyPointers()).containsExactly("/r");
        assertThat(response.headers()).isEmpty(); // the header IEs name no rspIe
        assertThat(response.pathVariables()).isEmpty();
        // Another last segment, or no body: nothing of these mappings' body IEs.
        assertThat(planner.forRequest("POST", "/nexample/v1/imsi-1/thing", body).bodyPointers())
                .doesNotContain("/a/b", "/items/0/supi");
        assertThat(planner.forRequest("POST", "/nexample/v1/imsi-1/things", null).bodyPointers())
                .isEmpty();
    }
}
