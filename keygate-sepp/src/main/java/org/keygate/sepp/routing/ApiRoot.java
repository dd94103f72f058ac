package org.keygate.sepp.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An apiRoot (TS 29.501 4.4.1: {@code scheme://authority[/prefix]}) as the {@code 3gpp-Sbi-Target-apiRoot} header
 * carries it (TS 29.500 5.2.3.2.4; ABNF {@code sbi-scheme "://" sbi-authority [ prefix ]}, scheme http or https,
 * authority {@code host [":" port]}, prefix an absolute path).
 *
 * <p>Parsing is strict: no userinfo, query, fragment or whitespace inside, host names in LDH form (RFC 1123 2.1),
 * IPv4 literals and bracketed IPv6 literals accepted; the host is lowercased.
 *
 * @param port the explicit port, or -1 when the authority has none.
 * @param prefix the apiPrefix without a trailing "/", or "" when none.
 */
public record ApiRoot(String scheme, String host, int port, String prefix) {
    /** RFC 1035 2.3.4: names are at most 253 characters in text form. */
    public static final int MAX_HOST_LENGTH = 253;
    /** keygate's limit on an apiRoot as a whole (header text), far above any real one. */
    public static final int MAX_LENGTH = 1024;

    /** RFC 3986 pchar without the percent-encoding's structure (what the prefix may hold besides "/"). */
    private static final String PATH_CHARS = "._~!$&'()*+,;=:@%-";

    public ApiRoot {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(prefix, "prefix");
        if (port < -1 || port == 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535, or -1 for none)");
        }
    }

    /**
     * Parses header text (surrounding optional whitespace allowed, as the ABNF's OWS). Read by hand, not by a regular
     * expression: every request an NF sends through the SEPP carries one (issue 10); ApiRootTest checks this reader
     * against the grammar written as one.
     */
    public static Optional<ApiRoot> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String t = text.strip();
        String scheme = t.startsWith("https://") ? "https" : t.startsWith("http://") ? "http" : null;
        if (scheme == null) {
            return Optional.empty();
        }
        int hostStart = scheme.length() + 3;
        int hostEnd = hostEnd(t, hostStart);
        if (hostEnd < 0) {
            return Optional.empty();
        }
        String host = t.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT);
        if (!host.startsWith("[") && !validHostName(host)) {
            return Optional.empty();
        }
        int port = -1;
        int prefixStart = hostEnd;
        if (hostEnd < t.length() && t.charAt(hostEnd) == ':') {
            prefixStart = hostEnd + 1;
            while (prefixStart < t.length() && isDigit(t.charAt(prefixStart)) && prefixStart - hostEnd <= 5) {
                prefixStart++;
            }
            if (prefixStart == hostEnd + 1) {
                return Optional.empty(); // a sixth digit fails below: the prefix starts with "/"
            }
            port = Integer.parseInt(t, hostEnd + 1, prefixStart, 10);
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        if (!isPrefix(t, prefixStart)) {
            return Optional.empty();
        }
        int prefixEnd = t.length();
        while (prefixEnd > prefixStart && t.charAt(prefixEnd - 1) == '/') {
            prefixEnd--;
        }
        return Optional.of(new ApiRoot(scheme, host, port, t.substring(prefixStart, prefixEnd)));
    }

    /** The end of the host at {@code from}: a bracketed IPv6 literal, or a run of name characters; -1 if neither. */
    private static int hostEnd(String t, int from) {
        if (from < t.length() && t.charAt(from) == '[') {
            int close = t.indexOf(']', from);
            if (close <= from + 1) {
                return -1;
            }
            for (int i = from + 1; i < close; i++) {
                char c = t.charAt(i);
                if (!isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') && c != ':' && c != '.') {
                    return -1;
                }
            }
            return close + 1;
        }
        int i = from;
        while (i < t.length() && (isAlnum(t.charAt(i)) || t.charAt(i) == '.' || t.charAt(i) == '-')) {
            i++;
        }
        return i == from ? -1 : i;
    }

    /** Nothing, or an absolute path of pchars. */
    private static boolean isPrefix(String t, int from) {
        if (from == t.length()) {
            return true;
        }
        if (t.charAt(from) != '/') {
            return false;
        }
        for (int i = from + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!isAlnum(c) && c != '/' && PATH_CHARS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code host[:port]}, as in {@code :authority}. */
    public String authority() {
        return port < 0 ? host : host + ":" + port;
    }

    /** Whether the host is a name (not an IP literal). Only names say which PLMN they belong to. */
    public boolean hostIsName() {
        if (host.startsWith("[")) {
            return false;
        }
        for (int i = 0; i < host.length(); i++) {
            if (!isDigit(host.charAt(i)) && host.charAt(i) != '.') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return scheme + "://" + authority() + prefix;
    }

    /** RFC 1123 2.1 names: dot-separated LDH labels of 1 to 63 characters, lowercase here; one final dot allowed. */
    static boolean validHostName(String host) {
        int end = host.endsWith(".") ? host.length() - 1 : host.length();
        if (end == 0 || end > MAX_HOST_LENGTH) {
            return false;
        }
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || host.charAt(i) == '.') {
                if (!ldhLabel(host, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean ldhLabel(String s, int from, int to) {
        if (to - from < 1 || to - from > 63 || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            if (!isLowerAlnum(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlnum(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z';
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || c >= 'A' && c <= 'Z';
    }
}
