package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/**
 * Seeded JSON for the tests of the hand-written writers and readers: values, and edits of valid text that the readers
 * must read or refuse as Jackson does.
 */
final class SeededJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Characters that JSON escapes or UTF-8 encodes in several octets, among plain ones. */
    private static final String CHARACTERS = "aZ09/{}-_.:?=&~ \"\\\u0000\u001f\u007f\u00e9\u2028\u20ac\ud83d\ude00";

    private SeededJson() {}

    /** Any JSON value, floating-point numbers and nulls included. */
    static JsonNode tree(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 11 : 8)) {
            case 0 -> { return NODES.textNode(string(random, 12)); }
            case 1 -> { return NODES.numberNode(random.nextInt()); }
            case 2 -> { return NODES.numberNode(random.nextLong()); }
            case 3 -> { return NODES.numberNode(new BigInteger(100, random)); }
            case 4 -> { return NODES.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()),
                    random.nextInt(20) - 5)); }
            case 5 -> { return NODES.booleanNode(random.nextBoolean()); }
            case 6 -> { return NODES.nullNode(); }
            case 7 -> { return NODES.textNode(""); }
            case 8 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(tree(random, depth - 1));
                }
                return a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    String name = string(random, 6);
                    o.set(name == null ? "" : name, tree(random, depth - 1));
                }
                return o;
            }
        }
    }

    /** Absent a tenth of the time, else up to {@code max} characters, escapes and non-ASCII among them. */
    static String string(Random random, int max) {
        if (random.nextInt(10) == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            int at = random.nextInt(CHARACTERS.length() - 1);
            sb.append(Character.isHighSurrogate(CHARACTERS.charAt(at)) ? CHARACTERS.substring(at, at + 2)
                    : Character.isLowSurrogate(CHARACTERS.charAt(at)) ? "x" : CHARACTERS.charAt(at));
        }
        return sb.toString();
    }

    /**
     * One to three edits among those that change a message's shape: a character replaced (by one of
     * {@code specials}), removed or doubled.
     */
    static byte[] edit(byte[] json, Random random, String specials) {
        byte[] out = json;
        for (int k = 1 + random.nextInt(3); k > 0 && out.length > 0; k--) {
            int at = random.nextInt(out.length);
            byte[] next;
            switch (random.nextInt(3)) {
                case 0 -> {
                    next = out.clone();
                    next[at] = (byte) specials.charAt(random.nextInt(specials.length()));
                }
                case 1 -> {
                    next = new byte[out.length - 1];
                    System.arraycopy(out, 0, next, 0, at);
                    System.arraycopy(out, at + 1, next, at, out.length - at - 1);
                }
                default -> {
                    next = new byte[out.length + 1];
                    System.arraycopy(out, 0, next, 0, at + 1);
                    System.arraycopy(out, at, next, at + 1, out.length - at);
                }
            }
            out = next;
        }
        return out;
    }
}
