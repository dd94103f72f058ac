package org.keygate.sbi.log;

/**
 * A value a peer controls, made fit for one log line: control characters (CR and LF above all: a partner could
 * otherwise write a line of its own, with a timestamp and level of its choosing) are escaped as {@code \n}, {@code \r},
 * {@code \t} or {@code \}{@code uXXXX}, and the result is cut at {@value #MAX_CHARS} characters with the count of
 * what was left out. Use it as a log argument: {@code log.info("... {}", PeerValue.of(messageId))}.
 */
public final class PeerValue {
    /** Enough for any 3GPP identifier or URI path a log line needs; a 30 KB message ID is cut here. */
    public static final int MAX_CHARS = 200;

    /**
     * A path segment that is a subscriber or equipment identity: SUPI ({@code imsi-}, {@code nai-}, {@code gci-},
     * {@code gli-}), SUCI ({@code suci-}), GPSI ({@code msisdn-}, {@code extid-}), PEI ({@code imei-},
     * {@code imeisv-}, {@code mac-}, {@code eui64-}): TS 29.571 5.3.2 (Supi, Gpsi, Pei), TS 29.503 (SuciOrSupi).
     */
    private static final java.util.regex.Pattern IDENTITY = java.util.regex.Pattern.compile(
            "(?i)(imsi|nai|gci|gli|suci|msisdn|extid|imei|imeisv|mac|eui64)-[^/]*");

    private PeerValue() {}

    /**
     * A request path for a log line at INFO or above: the query dropped, every subscriber or equipment identity
     * masked ({@code /nudm-ueau/v1/imsi-***}/...), then escaped and capped as {@link #of}. Identities never reach
     * logs at INFO or above (issue 12 item 4; TS 33.501 5.2.5 subscriber privacy).
     */
    public static String path(String path) {
        if (path == null) {
            return "null";
        }
        int q = path.indexOf('?');
        String p = q < 0 ? path : path.substring(0, q);
        return of(IDENTITY.matcher(p).replaceAll("$1-***"));
    }

    /** {@code value} escaped and capped; "null" for null. */
    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        int n = Math.min(s.length(), MAX_CHARS);
        StringBuilder out = new StringBuilder(n + 16);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    // C0, DEL, C1 and the Unicode line/paragraph separators (U+2028, U+2029) end lines somewhere.
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (s.length() > MAX_CHARS) {
            out.append("...(").append(s.length() - MAX_CHARS).append(" more chars)");
        }
        return out.toString();
    }
}
