package org.keygate.tls.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Inputs near a grammar's edge, for checking a hand-written parser against the regular expression that writes the
 * grammar down: each valid seed, and seeded-random edits of it (a character replaced, inserted, deleted or its case
 * flipped, from an alphabet that holds the grammar's own characters and its near misses). The hot-path parsers of the
 * forwarding engine are written by hand for speed (issue 10); the regular expression stays the test's oracle.
 */
public final class GrammarSamples {
    private static final int EDITS_PER_SEED = 4_000;

    private GrammarSamples() {}

    /** The seeds and {@value #EDITS_PER_SEED} edits of each, one to three edits deep, the same on every run. */
    public static List<String> around(List<String> seeds, String alphabet) {
        Random random = new Random(0x6b657967617465L);
        List<String> out = new ArrayList<>(seeds);
        for (String seed : seeds) {
            for (int i = 0; i < EDITS_PER_SEED; i++) {
                StringBuilder s = new StringBuilder(seed);
                for (int e = 1 + random.nextInt(3); e > 0; e--) {
                    edit(s, alphabet, random);
                }
                out.add(s.toString());
            }
        }
        return out;
    }

    /** The inputs of {@code samples} on which {@code parser}'s acceptance differs from {@code grammar}'s. */
    public static List<String> disagreements(List<String> samples, Pattern grammar,
            java.util.function.Predicate<String> parser) {
        return samples.stream().filter(s -> grammar.matcher(s).matches() != parser.test(s)).toList();
    }

    private static void edit(StringBuilder s, String alphabet, Random random) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (s.isEmpty() ? 1 : random.nextInt(4)) {
            case 0 -> s.setCharAt(at, c);
            case 1 -> s.insert(at, c);
            case 2 -> s.deleteCharAt(at);
            default -> s.setCharAt(at, Character.isUpperCase(s.charAt(at))
                    ? Character.toLowerCase(s.charAt(at)) : Character.toUpperCase(s.charAt(at)));
        }
    }
}
