package org.keygate.n32.ri;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.keygate.n32.n32f.reformat.EncBlockReferences;

/**
 * What an RI patch may do (TS 33.501 13.2.3.4, 13.2.4.1, 5.9.3.2; TS 33.517 4.2.2.7/8): add, replace, remove or test
 * IEs its policy names, never the metaData (the receiving SEPP relies on it for context, replay and RI checks); never
 * move or copy (an encrypted IE could be relocated to where the producer would echo it
 * in clear), never write, overwrite or delete an {@code encBlockIndex} reference.
 */
final class PatchRules {
    private static final Set<String> ALLOWED_OPS = Set.of("add", "replace", "remove", "test");

    private PatchRules() {}

    /**
     * @param target the document the patch applies to, to see what a replace or remove would destroy; null on the RI
     *     side before signing (it checks values and paths only)
     * @throws IllegalArgumentException naming the rule broken
     */
    static void check(List<JsonNode> operations, ModificationPolicy policy, JsonNode target) {
        for (int i = 0; i < operations.size(); i++) {
            JsonNode op = operations.get(i);
            String name = op == null ? null : op.path("op").asText(null);
            String path = op == null ? null : op.path("path").asText(null);
            if (name == null || path == null) {
                throw new IllegalArgumentException("operation " + i + " lacks op or path");
            }
            if (!ALLOWED_OPS.contains(name)) {
                throw new IllegalArgumentException("operation " + i + ": '" + name + "' is not allowed to an RI");
            }
            if (path.equals("/metaData") || path.startsWith("/metaData/")) {
                throw new IllegalArgumentException("operation " + i + " touches metaData");
            }
            if (!policy.allows(path)) {
                throw new IllegalArgumentException("operation " + i + " touches " + path
                        + ", which the modification policy does not allow");
            }
            if (EncBlockReferences.mentioned(op.get("value"))) {
                throw new IllegalArgumentException("operation " + i + " writes an encBlockIndex reference");
            }
            if (target != null && (name.equals("replace") || name.equals("remove"))) {
                JsonNode existing = target.at(path);
                // RFC 6902 4.2, 4.3: the target location MUST exist (zjsonpatch lets a missing member pass).
                if (existing.isMissingNode()) {
                    throw new IllegalArgumentException("operation " + i + ": " + path + " does not exist");
                }
                if (EncBlockReferences.mentioned(existing)) {
                    throw new IllegalArgumentException("operation " + i + " would overwrite an encBlockIndex reference");
                }
            }
        }
    }
}
