package org.keygate.sepp.nf;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * One NF of this PLMN that peers may reach: requests whose target authority (scheme {@code http}, i.e. h2c, per
 * TS 29.500 5.2.3) is {@code authority} go to {@code address}.
 */
public record NfRoute(String authority, InetSocketAddress address) {
    public NfRoute {
        Objects.requireNonNull(address, "address");
        authority = authority.toLowerCase(Locale.ROOT);
    }
}
