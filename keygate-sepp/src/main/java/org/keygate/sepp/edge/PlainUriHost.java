package org.keygate.sepp.edge;

/**
 * The host of an absolute URI of the usual shape, read without {@link java.net.URI}: a scheme (RFC 3986 3.1),
 * {@code "://"}, an authority of letters, digits, {@code -} and {@code .} with at most a numeric port, then
 * {@code /}, {@code ?}, {@code #} or the end. Anything else (user information, an IP literal, escapes, other
 * characters) gives null, for java.net.URI to read. Where it gives a host, java.net.URI either refuses the value or
 * reads no host from it (a name it takes for a registry-based authority) or reads this same host: so a header whose
 * plain host needs no rewriting needs none by java.net.URI's reading either. Parsing a URI per header was 3-4 % of the
 * visited SEPP's samples in TLS mode (issue 10, docs/PERFORMANCE.md).
 */
final class PlainUriHost {
    private PlainUriHost() {}

    static String of(String value) {
        int colon = value.indexOf(':');
        if (colon < 1 || !scheme(value, colon) || !value.startsWith("//", colon + 1)) {
            return null;
        }
        int start = colon + 3;
        int end = start;
        while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
            end++;
        }
        int hostEnd = start;
        while (hostEnd < end && hostChar(value.charAt(hostEnd))) {
            hostEnd++;
        }
        if (hostEnd == start) {
            return null;
        }
        if (hostEnd < end) { // only ":" and a port may follow the host in the authority
            if (value.charAt(hostEnd) != ':') {
                return null;
            }
            for (int i = hostEnd + 1; i < end; i++) {
                if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                    return null;
                }
            }
        }
        return value.substring(start, hostEnd);
    }

    /** RFC 3986 3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
    private static boolean scheme(String value, int end) {
        if (!alpha(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < end; i++) {
            char c = value.charAt(i);
            if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean hostChar(char c) {
        return alpha(c) || c >= '0' && c <= '9' || c == '-' || c == '.';
    }

    private static boolean alpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
