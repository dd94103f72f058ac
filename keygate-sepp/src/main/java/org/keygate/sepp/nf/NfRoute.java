package org.keygate.sepp.nf;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One NF of this PLMN that peers may reach: requests whose target authority is {@code authority} go to
 * {@code address}, whatever scheme the partner's target apiRoot names (partners normally send {@code https}). How
 * the SEPP reaches the NF is this route's choice: h2c when {@code tls} is empty (scheme {@code http}, TS 29.500
 * 5.2.3), else TLS with the operator's own anchors (scheme {@code https}).
 */
public record NfRoute(String authority, InetSocketAddress address, Optional<NfTls> tls) {
    public NfRoute {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        authority = authority.toLowerCase(Locale.ROOT);
    }

    /** An NF reached over h2c. */
    public NfRoute(String authority, InetSocketAddress address) {
        this(authority, address, Optional.empty());
    }

    /** {@code https} or {@code http}: how this SEPP reaches the NF. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }

    /** The NF's host name, for SNI and endpoint identification. */
    public String host() {
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
