package org.keygate.capif.model;

import java.util.Locale;

/**
 * TS 29.571 5.2.2 SupportedFeatures: a hexadecimal string, each character four features, feature 1 the least
 * significant bit of the last character. Negotiation (TS 29.122 5.2.7, TS 29.222 7.8): the answer carries the
 * features both sides support.
 */
public final class SupportedFeatures {
    /** Longer strings are refused: no CAPIF API defines more than a handful of features. */
    static final int MAX_CHARS = 64;

    private SupportedFeatures() {}

    /**
     * The features in both {@code requested} and {@code supported}, as short as possible ("0" for none); null when
     * the request named none (then the answer omits the attribute).
     */
    public static String negotiate(String requested, String supported) {
        if (requested == null) {
            return null;
        }
        if (requested.length() > MAX_CHARS || !requested.matches("[A-Fa-f0-9]*")) {
            throw new IllegalArgumentException("supportedFeatures is not a hexadecimal string of at most "
                    + MAX_CHARS + " characters");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= Math.min(requested.length(), supported.length()); i++) {
            int a = Character.digit(requested.charAt(requested.length() - i), 16);
            int b = Character.digit(supported.charAt(supported.length() - i), 16);
            out.append(Character.forDigit(a & b, 16));
        }
        String s = out.reverse().toString().replaceFirst("^0+", "").toUpperCase(Locale.ROOT);
        return s.isEmpty() ? "0" : s;
    }
}
