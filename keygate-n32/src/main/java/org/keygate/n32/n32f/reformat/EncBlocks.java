package org.keygate.n32.n32f.reformat;

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

    private final List<JsonNode> values = new ArrayList<>();

    /** Stores {@code value} and returns the reference to put in its place. */
    ObjectNode move(JsonNode value) {
        values.add(value);
        return JsonNodeFactory.instance.objectNode().put(EncBlockReferences.ENC_BLOCK_INDEX, values.size() - 1);
    }

    List<JsonNode> values() {
        return values;
    }
}
