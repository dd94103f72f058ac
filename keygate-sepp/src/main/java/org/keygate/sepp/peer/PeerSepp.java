package org.keygate.sepp.peer;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.tls.plmn.PlmnId;

/**
 * A roaming partner's SEPP as configured by the operator: its FQDN, the PLMN IDs it serves, where its N32-c
 * server listens, and the trust anchor its certificates must chain to (TS 33.501 13.1.2: one anchor per remote
 * PLMN).
 *
 * @param initiate whether this SEPP opens the first N32-c connection to the peer (TS 33.501 13.2.2.2).
 * @param n32fAddress where the peer's N32-f server listens (its {@code n32f-process} API); empty when this SEPP
 *     sends the peer no PRINS traffic.
 * @param protectionPolicy the operator's policy for this partner, sent to it in N32-c and applied to its traffic
 *     instead of this SEPP's global one; empty: the global one.
 * @param intermediary the IPX N32-f traffic with this partner goes through, both ways; empty: direct.
 */
public record PeerSepp(
        String name,
        String fqdn,
        List<PlmnId> plmnIds,
        InetSocketAddress n32cAddress,
        X509Certificate trustAnchor,
        boolean initiate,
        Optional<InetSocketAddress> n32fAddress,
        Optional<ProtectionPolicy> protectionPolicy,
        Optional<RoamingIntermediary> intermediary) {

    public PeerSepp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fqdn, "fqdn");
        plmnIds = List.copyOf(plmnIds);
        Objects.requireNonNull(n32cAddress, "n32cAddress");
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        Objects.requireNonNull(n32fAddress, "n32fAddress");
        Objects.requireNonNull(protectionPolicy, "protectionPolicy");
        Objects.requireNonNull(intermediary, "intermediary");
        if (plmnIds.isEmpty()) {
            throw new IllegalArgumentException("plmnIds: [] (expected: at least one PLMN ID of peer " + name + ")");
        }
    }

    /** A partner reached directly, without a Roaming Intermediary. */
    public PeerSepp(String name, String fqdn, List<PlmnId> plmnIds, InetSocketAddress n32cAddress,
            X509Certificate trustAnchor, boolean initiate, Optional<InetSocketAddress> n32fAddress,
            Optional<ProtectionPolicy> protectionPolicy) {
        this(name, fqdn, plmnIds, n32cAddress, trustAnchor, initiate, n32fAddress, protectionPolicy, Optional.empty());
    }

    /** This partner, reached through {@code ipx}. */
    public PeerSepp through(RoamingIntermediary ipx) {
        return new PeerSepp(name, fqdn, plmnIds, n32cAddress, trustAnchor, initiate, n32fAddress, protectionPolicy,
                Optional.of(ipx));
    }

    /** A partner this SEPP sends no N32-f traffic to (N32-c only). */
    public PeerSepp(String name, String fqdn, List<PlmnId> plmnIds, InetSocketAddress n32cAddress,
            X509Certificate trustAnchor, boolean initiate) {
        this(name, fqdn, plmnIds, n32cAddress, trustAnchor, initiate, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public String toString() {
        return "PeerSepp[" + name + ", " + fqdn + ", " + plmnIds + "]";
    }
}
