package org.keygate.sepp.peer;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/**
 * The configured roaming partners, looked up by what a TLS peer proves about itself.
 *
 * <p>The TLS layer has already mapped the certificate's PLMN IDs to a single trust anchor (TS 33.501 13.1.2);
 * here the certificate is matched to the one partner whose PLMN IDs include all of them, so a certificate for
 * PLMN A can never speak for partner B.
 */
public final class PeerDirectory {
    /** Immutable; replaced as a whole by a reload, so a lookup reads one consistent partner table. */
    private volatile List<PeerSepp> peers;

    public PeerDirectory(List<PeerSepp> peers) {
        this.peers = List.copyOf(peers);
    }

    /**
     * Makes {@code next} the partner table (a configuration reload, issue 18): lookups from now on see it, those under
     * way finish with the one they read.
     */
    public void replace(List<PeerSepp> next) {
        this.peers = List.copyOf(next);
    }

    public List<PeerSepp> all() {
        return peers;
    }

    public Optional<PeerSepp> byName(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The partner whose PLMN IDs contain every PLMN ID in the certificate, if exactly one does. */
    public Optional<PeerSepp> byCertificate(X509Certificate leaf) {
        Set<PlmnId> certPlmns = PeerIdentity.of(leaf).plmnIds();
        if (certPlmns.isEmpty()) {
            return Optional.empty();
        }
        List<PeerSepp> matches = peers.stream().filter(p -> p.plmnIds().containsAll(certPlmns)).toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    /**
     * The partners whose N32-f traffic goes through the Roaming Intermediary that presented {@code chain}: those
     * whose configured intermediary it is ({@link RoamingIntermediary#presented}). A certificate with PLMN IDs is
     * never an intermediary's.
     */
    public List<PeerSepp> byIntermediary(List<X509Certificate> chain) {
        return peers.stream().filter(p -> p.intermediary().map(i -> i.presented(chain)).orElse(false)).toList();
    }

    /**
     * The PLMN IDs in {@code claimed} (plmnIdList of exchange-capability) that the partner's N32-c certificate does
     * not carry. The TLS layer has tied the certificate's PLMN IDs to the partner's trust anchor (TS 33.501 13.1.2),
     * so those are the only PLMNs it can speak for; a claim beyond them is another operator's.
     */
    public static List<PlmnId> unbackedClaims(X509Certificate leaf, List<PlmnId> claimed) {
        if (claimed == null) {
            return List.of();
        }
        Set<PlmnId> backed = PeerIdentity.of(leaf).plmnIds();
        return claimed.stream().filter(p -> p == null || !backed.contains(p)).toList();
    }
}
