package org.keygate.sepp.peer;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.keygate.tls.plmn.PlmnId;

/**
 * A roaming partner's SEPP as configured by the operator: its FQDN, the PLMN IDs it serves, where its N32-c
 * server listens, and the trust anchor its certificates must chain to (TS 33.501 13.1.2: one anchor per remote
 * PLMN).
 *
 * @param initiate whether this SEPP opens the first N32-c connection to the peer (TS 33.501 13.2.2.2).
 */
public record PeerSepp(
        String name,
        String fqdn,
        List<PlmnId> plmnIds,
        InetSocketAddress n32cAddress,
        X509Certificate trustAnchor,
        boolean initiate) {

    public PeerSepp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fqdn, "fqdn");
        plmnIds = List.copyOf(plmnIds);
        Objects.requireNonNull(n32cAddress, "n32cAddress");
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        if (plmnIds.isEmpty()) {
            throw new IllegalArgumentException("plmnIds: [] (expected: at least one PLMN ID of peer " + name + ")");
        }
    }

    @Override
    public String toString() {
        return "PeerSepp[" + name + ", " + fqdn + ", " + plmnIds + "]";
    }
}
