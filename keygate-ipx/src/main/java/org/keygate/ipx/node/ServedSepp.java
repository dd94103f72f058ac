package org.keygate.ipx.node;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.plmn.PeerIdentity;

/**
 * A SEPP this IPX serves: it may send {@code n32f-process} here (its certificate's PLMN IDs are all among
 * {@code plmnIds} and chain to {@code trustAnchor}, TS 33.501 13.1.2), and, with a {@code nextHop}, it is reached
 * at that address when a request's {@code :authority} names it.
 *
 * @param ri whether this IPX is the RI of that SEPP's operator (TS 33.501 13.2.4.5.2): besides what names it in
 *     {@code authorizedIpxId}, it then signs, as the second RI, what it passes to that SEPP after the first RI
 */
public record ServedSepp(String name, List<PlmnId> plmnIds, X509Certificate trustAnchor, Optional<NextHop> nextHop,
        boolean ri) {
    public ServedSepp {
        Objects.requireNonNull(name, "name");
        plmnIds = List.copyOf(plmnIds);
        Objects.requireNonNull(trustAnchor, "trustAnchor");
        Objects.requireNonNull(nextHop, "nextHop");
    }

    /** A SEPP this IPX is not the RI of. */
    public ServedSepp(String name, List<PlmnId> plmnIds, X509Certificate trustAnchor, Optional<NextHop> nextHop) {
        this(name, plmnIds, trustAnchor, nextHop, false);
    }

    /** Reached by this IPX directly, not through another IPX. */
    boolean direct() {
        return nextHop.map(h -> h.via().isEmpty()).orElse(true);
    }

    /**
     * Where the SEPP's N32-f server is.
     *
     * @param authority {@code fqdn:port} as the sending SEPP writes it in {@code :authority} (lowercase); the FQDN
     *     is also the name the SEPP's certificate must carry
     * @param address where to connect
     * @param via the other IPX at {@code address} that reaches the SEPP (the partner operator's RI, TS 33.501
     *     13.2.4.5.2); empty: {@code address} is the SEPP's own N32-f server
     */
    public record NextHop(String authority, InetSocketAddress address, Optional<Intermediary> via) {
        public NextHop {
            Objects.requireNonNull(authority, "authority");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(via, "via");
        }

        public NextHop(String authority, InetSocketAddress address) {
            this(authority, address, Optional.empty());
        }

        public String fqdn() {
            return authority.substring(0, authority.lastIndexOf(':'));
        }
    }

    /**
     * Another operator's IPX this one exchanges N32-f with: its certificate names {@code fqdn}, carries no PLMN ID
     * and chains to {@code trustAnchor} (PKIX, PLMN trust does not apply), whether it is dialled or dials in.
     */
    public record Intermediary(String fqdn, X509Certificate trustAnchor) {
        public Intermediary {
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(trustAnchor, "trustAnchor");
        }

        boolean presented(List<X509Certificate> chain) {
            if (chain.isEmpty() || !org.keygate.tls.plmn.PeerIdentity.of(chain.getFirst()).plmnIds().isEmpty()
                    || !PeerIdentity.of(chain.getFirst()).names(fqdn)) {
                return false;
            }
            try {
                org.keygate.tls.trust.IntermediaryTrust.validate(chain, trustAnchor);
                return true;
            } catch (java.security.cert.CertificateException e) {
                return false;
            }
        }
    }

    @Override
    public String toString() {
        return "ServedSepp[" + name + ", " + plmnIds + "]";
    }
}
