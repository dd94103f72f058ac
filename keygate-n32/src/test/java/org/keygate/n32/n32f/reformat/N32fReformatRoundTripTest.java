package org.keygate.n32.n32f.reformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.DataToIntegrityProtectAndCipherBlock;
import org.keygate.n32.n32f.model.DataToIntegrityProtectBlock;
import org.keygate.n32.n32f.model.MetaData;

/**
 * Generated messages (random JSON bodies, headers, queries, path variables, random choices of what to encrypt)
 * go through reformatting, the wire (JSON text both ways) and reconstruction, and must come back equal; no
 * encrypted value may stay readable in the integrity-protected block. Then the receiver's refusals.
 */
class N32fReformatRoundTripTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final MetaData META = new MetaData("0123456789abcdef", "42", MetaData.NO_IPX);

    @Test
    void generatedRequestsAndResponsesSurviveTheRoundTrip() throws Exception {
        Random random = new Random(20261122);
        for (int i = 0; i < 500; i++) {
            JsonNode generated = random.nextInt(10) == 0 ? randomArray(random, 2) : randomObject(random, 3);
            // As an NF's body reaches the SEPP: parsed by SbiJson (numbers as BigDecimal, not the generator's doubles).
            JsonNode body = SbiJson.read(SbiJson.write(generated), JsonNode.class);
            List<String> pointers = pointersOf(body, random);
            List<Map.Entry<String, String>> headers = List.of(Map.entry("content-type", "application/json"),
                    Map.entry("x-token-" + i, "tok-" + random.nextLong()), Map.entry("3gpp-sbi-callback", "Nudm_" + i));
            String secretSegment = "imsi-" + Math.abs(random.nextLong());
            List<BinaryPart> parts = new ArrayList<>();
            for (int k = 0; k < random.nextInt(3); k++) {
                byte[] octets = new byte[1 + random.nextInt(200)];
                random.nextBytes(octets);
                parts.add(new BinaryPart("part" + k, "application/vnd.3gpp.ngap", octets));
            }
            ClearRequest req = new ClearRequest("PUT", "https", "nf" + i + ".example.org",
                    "/napi/v1/" + secretSegment + "/items/" + i, "a=1&secret=s" + i + "&b=2", headers, body, parts);
            EncryptionPlan plan = new EncryptionPlan("/napi/v1/{ueId}/items/{n}", Set.of("ueId"), Set.of("secret"),
                    Set.of("x-token-" + i), pointers, Set.of("part0"));

            Reformatted r = N32fReformatter.request(req, plan, META);
            String wireAad = new String(SbiJson.write(r.integrityProtected()));
            assertThat(wireAad).doesNotContain(secretSegment, "s" + i + "&", "tok-");
            for (String p : pointers) {
                JsonNode hidden = body.at(p);
                if (hidden.isTextual() && hidden.asText().length() > 6) {
                    assertThat(wireAad).as("pointer %s", p).doesNotContain("\"" + hidden.asText() + "\"");
                }
            }
            ClearRequest back = N32fReconstructor.request(
                    SbiJson.read(wireAad.getBytes(), DataToIntegrityProtectBlock.class),
                    SbiJson.read(SbiJson.write(r.encrypted()), DataToIntegrityProtectAndCipherBlock.class));
            assertThat(back.path()).isEqualTo(req.path());
            assertThat(back.query()).isEqualTo(req.query());
            assertThat(back.headers()).isEqualTo(req.headers());
            assertThat((Object) back.body()).as("body %s, pointers %s", body, pointers).isEqualTo(body);
            assertThat(back.binaryParts()).hasSameSizeAs(parts);
            for (int k = 0; k < parts.size(); k++) {
                assertThat(back.binaryParts().get(k).data()).isEqualTo(parts.get(k).data());
                assertThat(back.binaryParts().get(k).contentId()).isEqualTo(parts.get(k).contentId());
            }
            if (!parts.isEmpty()) {
                // part0 is encrypted: its octets are nowhere in the clear block.
                assertThat(wireAad).doesNotContain(java.util.Base64.getEncoder().encodeToString(parts.get(0).data()));
            }

            ClearResponse rsp = new ClearResponse(200 + i % 5, headers, body);
            Reformatted rr = N32fReformatter.response(rsp, EncryptionPlan.body(pointers), META);
            ClearResponse rspBack = N32fReconstructor.response(rr.integrityProtected(), rr.encrypted());
            assertThat(rspBack.status()).isEqualTo(rsp.status());
            assertThat((Object) rspBack.body()).isEqualTo(body);
        }
    }

    @Test
    void anNfMessageMentioningEncBlockIndexIsRefusedBySender() {
        ObjectNode body = F.objectNode();
        body.putObject("deep").putArray("x").addObject().put("encBlockIndex", 0);
        assertThatThrownBy(() -> N32fReformatter.request(new ClearRequest("POST", "https", "a.example.org", "/x",
                null, List.of(), body), EncryptionPlan.none(), META))
                .isInstanceOf(UnprotectableMessageException.class).hasMessageContaining("5.9.3.2");
    }

    @Test
    void theReceiverRefusesBadReferencesAndPointers() throws Exception {
        ObjectNode body = F.objectNode().put("supi", "imsi-1").put("other", "x");
        Reformatted r = N32fReformatter.response(new ClearResponse(200, List.of(), body),
                EncryptionPlan.body(List.of("/supi")), META);
        JsonNode aad = SbiJson.mapper().valueToTree(r.integrityProtected());

        // Copied: the reference appears twice.
        ObjectNode copied = aad.deepCopy();
        ((ObjectNode) copied.at("/payload/0/value")).set("copy", F.objectNode().put("encBlockIndex", 0));
        assertRefused(copied, r.encrypted(), "INVALID_INDEX_TO_ENCRYPTED_BLOCK");
        // Out of range.
        ObjectNode outOfRange = aad.deepCopy();
        ((ObjectNode) outOfRange.at("/payload/0/value/supi")).put("encBlockIndex", 7);
        assertRefused(outOfRange, r.encrypted(), "INVALID_INDEX_TO_ENCRYPTED_BLOCK");
        // Removed: the encrypted value is referenced nowhere.
        ObjectNode removed = aad.deepCopy();
        ((ObjectNode) removed.at("/payload/0/value")).remove("supi");
        assertRefused(removed, r.encrypted(), "INVALID_INDEX_TO_ENCRYPTED_BLOCK");
        // A pointer through a scalar.
        ObjectNode badPointer = aad.deepCopy();
        ((ArrayNode) badPointer.get("payload")).addObject().put("iePath", "/other/deeper")
                .put("ieValueLocation", "BODY").putObject("value");
        assertRefused(badPointer, r.encrypted(), "INVALID_JSON_POINTER");
        // A header whose value is an object.
        ObjectNode badHeader = aad.deepCopy();
        badHeader.putArray("headers").addObject().put("header", "x").putObject("value").put("a", 1);
        assertRefused(badHeader, r.encrypted(), "INVALID_HTTP_HEADER");
    }

    private static void assertRefused(JsonNode aad, DataToIntegrityProtectAndCipherBlock cipher, String reason) {
        assertThatThrownBy(() -> N32fReconstructor.response(
                SbiJson.mapper().treeToValue(aad, DataToIntegrityProtectBlock.class), cipher))
                .as(aad.toString()).isInstanceOfSatisfying(N32fException.class, e -> {
                    assertThat(e.type()).isEqualTo(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED);
                    assertThat(e.failureReason()).isEqualTo(reason);
                });
    }

    private static ObjectNode randomObject(Random r, int depth) {
        ObjectNode o = F.objectNode();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            o.set(name(r, i), randomValue(r, depth));
        }
        return o;
    }

    private static ArrayNode randomArray(Random r, int depth) {
        ArrayNode a = F.arrayNode();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            a.add(depth > 0 && r.nextBoolean() ? randomObject(r, depth - 1) : randomValue(r, 0));
        }
        return a;
    }

    private static JsonNode randomValue(Random r, int depth) {
        return switch (depth > 0 ? r.nextInt(7) : r.nextInt(5)) {
            case 0 -> F.textNode("val-" + Long.toHexString(r.nextLong()) + (r.nextBoolean() ? "/~é\"" : ""));
            case 1 -> F.numberNode(r.nextInt());
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.nullNode();
            case 4 -> F.numberNode(r.nextDouble());
            case 5 -> randomObject(r, depth - 1);
            default -> randomArray(r, depth - 1);
        };
    }

    /** Names including RFC 6901's escaped characters. */
    private static String name(Random r, int i) {
        return switch (r.nextInt(4)) {
            case 0 -> "a/b" + i;
            case 1 -> "t~" + i;
            default -> "ie" + i + Integer.toHexString(r.nextInt(256));
        };
    }

    /** A random selection of the body's pointers, never one inside another (an IE is encrypted whole). */
    private static List<String> pointersOf(JsonNode body, Random r) {
        List<String> all = new ArrayList<>();
        collect(body, "", all);
        List<String> chosen = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (String p : all) {
            if (!p.isEmpty() && r.nextInt(3) == 0 && taken.stream().noneMatch(t -> p.startsWith(t + "/"))
                    && chosen.stream().noneMatch(c -> c.startsWith(p + "/"))) {
                chosen.add(p);
                taken.add(p);
            }
        }
        return chosen;
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        out.add(path);
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(),
                    path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, out);
            }
        }
    }
}
