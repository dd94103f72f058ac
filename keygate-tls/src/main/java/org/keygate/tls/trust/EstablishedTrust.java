package org.keygate.tls.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.revocation.CrlRevocation;

/**
 * What a node on the N32-f plane trusts now, asked of the chains of connections it already has (issue 18): after a
 * CRL refresh, a reload, or a TLS 1.3 resumption (which the trust manager does not see). The same split as
 * {@link EdgeTrustManager} makes at a handshake: a chain with PLMN IDs is a SEPP's, judged by
 * {@link PlmnTrustAnchors#untrustedNow}; one without is a Roaming Intermediary's, judged by
 * {@link IntermediaryTrust#untrustedNow} under {@code intermediaryAnchors} and {@code revocation}.
 *
 * @param intermediaryAnchors the IPX CAs trusted now; empty: no intermediary is (any chain without PLMN ID is untrusted)
 */
public record EstablishedTrust(PlmnTrustAnchors seppAnchors, List<X509Certificate> intermediaryAnchors,
        CrlRevocation revocation) {
    public EstablishedTrust {
        Objects.requireNonNull(seppAnchors, "seppAnchors");
        intermediaryAnchors = List.copyOf(intermediaryAnchors);
        Objects.requireNonNull(revocation, "revocation");
    }

    /** Why the peer presenting {@code chain} (leaf first) is not trusted now; empty when it is. */
    public Optional<String> untrustedNow(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            return Optional.empty();
        }
        return PeerIdentity.of(chain.getFirst()).plmnIds().isEmpty()
                ? IntermediaryTrust.untrustedNow(chain, intermediaryAnchors, revocation)
                : seppAnchors.untrustedNow(chain);
    }

    /** Whether {@code chain} is a Roaming Intermediary's (no PLMN ID in its leaf). */
    public static boolean intermediary(List<X509Certificate> chain) {
        return !chain.isEmpty() && PeerIdentity.of(chain.getFirst()).plmnIds().isEmpty();
    }
}
