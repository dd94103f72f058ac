package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;

/**
 * Builds a JSON body from BODY entries: each value placed at its RFC 6901 iePath, parents created on the way
 * (objects, or arrays where the next segment is an index; DESIGN.md "Payload": the receiver accepts any granularity).
 * Jackson reads pointers but cannot write through them, hence this class.
 */
final class JsonPlacement {
    private JsonPlacement() {}

    /** Puts {@code value} at {@code pointer} under {@code root}, creating objects (or arrays, for indexes). */
    static JsonNode place(JsonNode root, JsonPointer pointer, JsonNode value) throws N32fException {
        if (pointer.matches()) {
            if (root != null) {
                throw invalidPointer( "two BODY entries for the root");
            }
            return value;
        }
        if (root == null) {
            root = pointer.getMatchingIndex() >= 0 ? JsonNodeFactory.instance.arrayNode()
                    : JsonNodeFactory.instance.objectNode();
        }
        JsonNode parent = root;
        for (JsonPointer p = pointer; ; p = p.tail()) {
            JsonPointer next = p.tail();
            boolean last = next.matches();
            if (parent instanceof ObjectNode o) {
                String name = p.getMatchingProperty();
                if (last) {
                    o.set(name, value);
                    return root;
                }
                JsonNode child = o.get(name);
                if (child == null) {
                    child = next.getMatchingIndex() >= 0 ? o.putArray(name) : o.putObject(name);
                }
                parent = child;
            } else if (parent instanceof ArrayNode a) {
                int index = p.getMatchingIndex();
                if (index < 0 || index > a.size()) {
                    throw invalidPointer( "a BODY iePath indexes past the end of an array");
                }
                if (last) {
                    if (index == a.size()) {
                        a.add(value);
                    } else {
                        a.set(index, value);
                    }
                    return root;
                }
                JsonNode child = index < a.size() ? a.get(index) : null;
                if (child == null) {
                    child = next.getMatchingIndex() >= 0 ? a.addArray() : a.addObject();
                }
                parent = child;
            } else {
                throw invalidPointer( "a BODY iePath goes through a value that is not a container");
            }
        }
    }


    private static N32fException invalidPointer(String message) {
        return new N32fException(N32fErrorType.MESSAGE_RECONSTRUCTION_FAILED, N32fReconstructor.INVALID_JSON_POINTER,
                message);
    }
}
