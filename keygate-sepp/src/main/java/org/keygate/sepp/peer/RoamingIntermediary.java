package org.keygate.sepp.peer;

import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.keygate.tls.trust.IntermediaryTrust;
import org.keygate.tls.plmn.PeerIdentity;

/**
 * The Roaming Intermediary (IPX) through which this SEPP and a partner exchange N32-f traffic (TS 33.501 13.1.2,
 * 13.2.4.5): N32-c stays direct, N32-f requests go to the IPX's server, and the IPX reaches the partner.
 *
 * @param providerId the IPX provider's identity: {@code ipxProviderId} of IpxProviderSecInfo and, when it may
 *     modify, {@code metaData.authorizedIpxId} (TS 33.501 13.2.4.3.1.2)
 * @param fqdn the name its TLS certificate must carry (the N32-f server this SEPP dials, and the client the partner's
 *     requests arrive from)
 * @param n32fAddress where its N32-f server listens
 * @param trustAnchor its CA: plain PKIX, PLMN trust does not apply to an IPX
 * @param authorized whether this SEPP names it in {@code authorizedIpxId}, letting it modify what this SEPP sends
 */
public record RoamingIntermediary(
        String providerId,
        String fqdn,
        InetSocketAddress n32fAddress,
        X509Certificate trustAnchor,
        boolean authorized) {

    public RoamingIntermediary {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(fqdn, "fqdn");
        Objects.requireNonNull(n32fAddress, "n32fAddress");
        Objects.requireNonNull(trustAnchor, "trustAnchor");
    }

    /**
     * Is {@code chain} (leaf first) this intermediary's: a certificate with no PLMN ID that validates against its CA
     * and names its FQDN?
     */
    public boolean presented(List<X509Certificate> chain) {
        if (chain.isEmpty() || !PeerIdentity.of(chain.getFirst()).names(fqdn)) {
            return false;
        }
        try {
            IntermediaryTrust.validate(chain, trustAnchor);
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RoamingIntermediary[" + providerId + ", " + fqdn + ", " + n32fAddress + "]";
    }
}
