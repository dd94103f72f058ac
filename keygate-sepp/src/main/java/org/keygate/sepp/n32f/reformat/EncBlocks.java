package org.keygate.sepp.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The sender's growing dataToEncrypt list: each value moved there is replaced, where it stood, by
 * {@code {"encBlockIndex": n}} (TS 29.573 IndexToEncryptedValue; TS 33.501 13.2.4.3.1.1).
 */
final class EncBlocks {
    static final String ENC_BLOCK_INDEX = "encBlockIndex";

    private final List<JsonNode> values = new ArrayList<>();

    /** Stores {@code value} and returns the reference to put in its place. */
    ObjectNode move(JsonNode value) {
        values.add(value);
        return JsonNodeFactory.instance.objectNode().put(ENC_BLOCK_INDEX, values.size() - 1);
    }

    List<JsonNode> values() {
        return values;
    }

    /** Is {@code node} exactly {@code {"encBlockIndex": <integer>}}? */
    static boolean isReference(JsonNode node) {
        return node != null && node.isObject() && node.size() == 1 && node.has(ENC_BLOCK_INDEX);
    }

    /** Does {@code node} contain the member name anywhere (TS 33.501 5.9.3.2: NF messages may not)? */
    static boolean mentionsEncBlockIndex(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isObject()) {
            for (var it = node.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().equals(ENC_BLOCK_INDEX) || mentionsEncBlockIndex(e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (mentionsEncBlockIndex(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
