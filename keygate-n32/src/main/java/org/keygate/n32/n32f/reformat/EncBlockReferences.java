package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Recognising {@code {"encBlockIndex": n}} references (TS 29.573 IndexToEncryptedValue) in JSON: the sender refuses
 * NF messages that mention the member (TS 33.501 5.9.3.2), the receiver resolves references, and the RI rules refuse
 * patches that write or destroy them.
 */
public final class EncBlockReferences {
    public static final String ENC_BLOCK_INDEX = "encBlockIndex";

    private EncBlockReferences() {}

    /** Is {@code node} exactly {@code {"encBlockIndex": <value>}}? */
    public static boolean isReference(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.has(ENC_BLOCK_INDEX);
    }

    /** Does {@code node} contain the member name anywhere? */
    public static boolean mentioned(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals(ENC_BLOCK_INDEX) || mentioned(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (mentioned(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
