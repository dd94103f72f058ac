package org.keygate.capif.client;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where the CCF is and how to recognise it: its address, the name its certificate carries (checked, RFC 6125), and
 * its CA (the only trust anchor for CAPIF, TS 33.122 6.1).
 */
public record CcfEndpoint(InetSocketAddress address, String serverName, X509Certificate ca) {
    public CcfEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(ca, "ca");
    }

    List<X509Certificate> anchors() {
        return List.of(ca);
    }

}
