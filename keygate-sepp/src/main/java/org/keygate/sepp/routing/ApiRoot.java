package org.keygate.sepp.routing;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern FORM = Pattern.compile(
            "^(https?)://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(?::([0-9]{1,5}))?((?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*)$");
    private static final Pattern LDH_LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    public ApiRoot {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(prefix, "prefix");
        if (port < -1 || port == 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535, or -1 for none)");
        }
    }

    /** Parses header text (surrounding optional whitespace allowed, as the ABNF's OWS). */
    public static Optional<ApiRoot> parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = m.group(2).toLowerCase(Locale.ROOT);
        if (!host.startsWith("[") && !validHostName(host)) {
            return Optional.empty();
        }
        int port = -1;
        if (m.group(3) != null) {
            port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                return Optional.empty();
            }
        }
        String prefix = m.group(4);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return Optional.of(new ApiRoot(m.group(1), host, port, prefix));
    }

    /** {@code host[:port]}, as in {@code :authority}. */
    public String authority() {
        return port < 0 ? host : host + ":" + port;
    }

    private static final java.util.regex.Pattern IPV4_LITERAL = java.util.regex.Pattern.compile("^[0-9.]+$");

    /** Whether the host is a name (not an IP literal). Only names say which PLMN they belong to. */
    public boolean hostIsName() {
        return !host.startsWith("[") && !IPV4_LITERAL.matcher(host).matches();
    }

    @Override
    public String toString() {
        return scheme + "://" + authority() + prefix;
    }

    static boolean validHostName(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.length() > MAX_HOST_LENGTH) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LDH_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
