package org.keygate.n32.n32f.model;

import java.util.Random;

/** Seeded edits of valid JSON for the hand-written readers' tests: what they must read or refuse as Jackson does. */
final class JsonEdits {
    private JsonEdits() {}

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
