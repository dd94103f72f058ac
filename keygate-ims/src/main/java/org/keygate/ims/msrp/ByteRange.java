package org.keygate.ims.msrp;

/**
 * The Byte-Range header (RFC 4975 7.1.1, 9): {@code start-end/total}, 1-based and inclusive; {@code end} or
 * {@code total} may be unknown ("*"), which is {@link #UNKNOWN} here.
 */
public record ByteRange(long start, long end, long total) {
    public static final long UNKNOWN = -1;

    /** Longest decimal accepted for one number: 18 digits keep every value inside a long. */
    private static final int MAX_DIGITS = 18;

    public ByteRange {
        if (start < 1) {
            throw new IllegalArgumentException("Byte-Range start: " + start + " (expected: >= 1, RFC 4975 7.1.1)");
        }
        if (end != UNKNOWN && end < start - 1) {
            throw new IllegalArgumentException("Byte-Range end " + end + " before start " + start);
        }
        if (total != UNKNOWN && total < 0) {
            throw new IllegalArgumentException("Byte-Range total: " + total);
        }
        if (total != UNKNOWN && end != UNKNOWN && end > total) {
            throw new IllegalArgumentException("Byte-Range end " + end + " beyond total " + total);
        }
    }

    /** The whole of a message sent in one chunk, e.g. {@code 1-0/0} for an empty SEND (RFC 4975 7.1.1). */
    public static ByteRange whole(long length) {
        return new ByteRange(1, length, length);
    }

    public static ByteRange parse(String value) {
        int dash = value.indexOf('-');
        int slash = value.indexOf('/');
        if (dash < 1 || slash < dash + 2 || slash == value.length() - 1) {
            throw new IllegalArgumentException("Byte-Range is not start-end/total");
        }
        long start = number(value.substring(0, dash), false);
        long end = number(value.substring(dash + 1, slash), true);
        long total = number(value.substring(slash + 1), true);
        return new ByteRange(start, end, total);
    }

    private static long number(String digits, boolean starAllowed) {
        if (starAllowed && digits.equals("*")) {
            return UNKNOWN;
        }
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !isDigits(digits)) {
            throw new IllegalArgumentException("Byte-Range number is not 1*DIGIT of at most " + MAX_DIGITS);
        }
        return Long.parseLong(digits);
    }

    /** 1*DIGIT, a loop: this runs twice per relayed chunk (a stream here cost more than the rest of the parse). */
    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/" + (total == UNKNOWN ? "*" : Long.toString(total));
    }
}
