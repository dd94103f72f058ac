package org.keygate.crypto.capif;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Objects;

/**
 * The AEF interface that an AEFPSK is bound to: P0 of TS 33.122 A.1. DESIGN.md (CAPIF decisions): P0 = UTF-8 of the
 * NFKC form of {@code host:port} + apiPrefix, the host being the fqdn, the IPv4 address, or the IPv6 address in
 * brackets, and apiPrefix empty when the interface has none.
 *
 * @param host fqdn, IPv4 dotted quad, or IPv6 address (with or without brackets)
 * @param port 1..65535
 * @param apiPrefix empty or starting with {@code /}
 */
public record AefInterfaceId(String host, int port, String apiPrefix) {
    public AefInterfaceId {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiPrefix, "apiPrefix");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host: empty (expected: fqdn, ipv4 or ipv6)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        if (!apiPrefix.isEmpty() && !apiPrefix.startsWith("/")) {
            throw new IllegalArgumentException("apiPrefix: must be empty or start with '/'");
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal: bracketed as in a URI authority (RFC 3986 3.2.2)
        }
    }

    /** The text before encoding: {@code host:port} + apiPrefix. */
    public String text() {
        return host + ":" + port + apiPrefix;
    }

    /** P0: UTF-8 of the NFKC form of {@link #text()} (DESIGN.md; TS 33.220 B.2.1.2 encodes strings as UTF-8). */
    public byte[] p0() {
        return Normalizer.normalize(text(), Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8);
    }
}
