package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A JSON value read from a parser's tokens into the tree {@link org.keygate.sbi.json.SbiJson}'s mapper would build for
 * a {@code JsonNode} member: objects, arrays, strings, booleans, null and integers (int, long or BigInteger by size,
 * as Jackson's JsonNodeDeserializer picks them). Floating-point numbers are not read here (null): the mapper turns
 * them into BigDecimal with its own normalisation, so a value holding one is left to it.
 *
 * <p>By hand because a {@code JsonNode} member read through the mapper costs a deserialization context and a lookup
 * per value; the parser's own checks (nesting depth, string lengths) still apply to every token, and a duplicate
 * member gives null here whether or not the parser checks for them ({@link N32fBlocksJson#parser} does not).
 */
public final class JsonTokenTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTokenTrees() {}

    /**
     * The tree of a whole JSON text, as {@code SbiJson.read(json, JsonNode.class)} gives it; null when not read here
     * (a text that is not an object or an array, a floating-point number, a duplicate member, trailing tokens, anything malformed or past the
     * parser's limits), which the caller then reads with the mapper, so that the outcome and the refusal's words are
     * the mapper's. For SBI bodies: the mapper's node deserializer and its per-object duplicate sets were 2-4 % of each
     * PRINS SEPP's samples (issue 10).
     */
    public static JsonNode document(byte[] json) {
        try (JsonParser p = N32fBlocksJson.parser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                return null;
            }
            JsonNode tree = read(p);
            return tree != null && p.nextToken() == null ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The value whose first token is the parser's current one, the parser left at its last; null if not read here. */
    static JsonNode read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return null;
        }
        return switch (t) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> null;
        };
    }

    private static ObjectNode object(JsonParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            JsonNode value = read(p);
            if (value == null || o.replace(name, value) != null) {
                return null; // not read here, or a duplicate member
            }
        }
        return p.currentToken() == JsonToken.END_OBJECT ? o : null;
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode value = read(p);
            if (value == null) {
                return null;
            }
            a.add(value);
        }
        return a;
    }
}
