package org.keygate.n32.n32f.prins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.n32.policy.EncryptionPlanner;
import org.keygate.n32.policy.ProtectionPolicyCheck;

/**
 * Issue 3's wire scan: for every IE that the shipped policy types as sensitive (or that TS 33.501 5.9.3.3 always
 * encrypts), a message carrying a unique marker in exactly that IE is protected the way the SEPP does it (planner
 * from the policy, then the protector), and the wire JSON must not contain the marker anywhere.
 */
class SensitiveIesNeverOnTheWireTest {
    @Test
    void noSensitiveIeOfTheDefaultPolicyCrossesInTheClear() throws Exception {
        ProtectionPolicy policy = DefaultProtectionPolicy.get();
        Set<String> sensitive = new HashSet<>(ProtectionPolicyCheck.ALWAYS_ENCRYPTED);
        sensitive.addAll(policy.dataTypeEncPolicy());
        EncryptionPlanner planner = new EncryptionPlanner(List.of(policy));
        N32fProtector protector = protector();

        int checked = 0;
        List<String> leaks = new ArrayList<>();
        for (ApiIeMapping api : policy.apiIeMappingList()) {
            String signature = api.apiSignature().asText();
            for (IeInfo ie : api.ieList()) {
                if (!sensitive.contains(ie.ieType())) {
                    continue;
                }
                String marker = "SECRET" + checked + "x";
                String wire = null;
                if (ie.reqIe() != null) {
                    ClearRequest r = request(api.apiMethod(), signature, ie, marker);
                    wire = json(protector.protectRequest(r,
                            planner.forRequest(r.method(), r.path(), r.body()), Integer.toString(checked)));
                } else if (ie.rspIe() != null && "BODY".equals(ie.ieLoc())) {
                    String path = fill(signature, null, null);
                    ClearResponse r = new ClearResponse(200, List.of(Map.entry("content-type", "application/json")),
                            body(ie.rspIe(), marker));
                    wire = json(protector.protectResponse(r, planner.forResponse(api.apiMethod(), path, r.body()),
                            Integer.toString(checked)));
                }
                if (wire == null) {
                    continue;
                }
                checked++;
                if (wire.contains(marker)) {
                    leaks.add(api.apiMethod() + " " + signature + " " + ie.ieLoc() + " "
                            + (ie.reqIe() != null ? ie.reqIe() : ie.rspIe()) + " (" + ie.ieType() + ")");
                }
            }
        }
        assertThat(checked).as("sensitive IEs exercised").isGreaterThan(150);
        assertThat(leaks).as("sensitive IEs in the clear on the wire").isEmpty();
    }

    private static ClearRequest request(String method, String signature, IeInfo ie, String marker) {
        String query = null;
        String path;
        JsonNode body = null;
        if ("URI_PARAM".equals(ie.ieLoc()) && signature.contains("{" + ie.reqIe() + "}")) {
            path = fill(signature, ie.reqIe(), marker);
        } else if ("URI_PARAM".equals(ie.ieLoc())) {
            path = fill(signature, null, null);
            query = ie.reqIe() + "=" + marker;
        } else {
            path = fill(signature, null, null);
            body = body(ie.reqIe(), marker);
        }
        return new ClearRequest(method, "https", "nf.5gc.mnc001.mcc001.3gppnetwork.org", path, query,
                List.of(Map.entry("content-type", "application/json")), body);
    }

    /** The template with each variable set to a harmless value, {@code name} to {@code value}. */
    private static String fill(String template, String name, String value) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            String var = template.substring(open + 1, close);
            out.append(var.equals(name) ? value : "v-" + var.length());
            i = close + 1;
        }
        return out.toString();
    }

    /** A body with {@code marker} at {@code pointer}; a {@code *} segment becomes a one-element array. */
    private static JsonNode body(String pointer, String marker) {
        String[] segments = pointer.substring(1).split("/", -1);
        JsonNode leaf = JsonNodeFactory.instance.textNode(marker);
        for (int i = segments.length - 1; i >= 0; i--) {
            if (segments[i].equals("*")) {
                ArrayNode a = JsonNodeFactory.instance.arrayNode();
                a.add(leaf);
                leaf = a;
            } else {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                o.set(segments[i].replace("~1", "/").replace("~0", "~"), leaf);
                leaf = o;
            }
        }
        if (!leaf.isObject()) {
            // TS 29.500: a JSON body is an object; a pointer starting with * is an array body, wrap it.
            return leaf;
        }
        ((ObjectNode) leaf).put("harmless", "visible");
        return leaf;
    }

    private static String json(Object message) {
        return new String(SbiJson.write(message), StandardCharsets.UTF_8);
    }

    private N32fProtector protector() throws Exception {
        N32fContextId visitedId = N32fContextId.parse("0123456789abcdef");
        N32fContextId homeId = N32fContextId.parse("fedcba9876543210");
        byte[] m = new byte[64];
        m[5] = 9;
        N32fSessionKeys keys = N32fSessionKeys.derive(N32MasterKey.of(SecretBytes.copyOf(m)), visitedId, homeId,
                JweEnc.A128GCM);
        return new N32fProtector(new PrinsContext(N32Role.INITIATOR, visitedId, homeId, keys));
    }
}
