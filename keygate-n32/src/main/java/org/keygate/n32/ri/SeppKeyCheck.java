package org.keygate.n32.ri;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import org.keygate.tls.plmn.PeerIdentity;

/**
 * Tells a SEPP's key from a Roaming Intermediary's (TS 33.517 4.2.2.2, TS 33.501 13.2.4.5): a key announced in
 * IpxProviderSecInfo must not let the partner SEPP sign modifications as if it were an RI. A certificate is a SEPP's
 * when it carries PLMN IDs (a SEPP FQDN under {@code mncXXX.mccYYY.3gppnetwork.org}, TS 23.003 28.4.4) or is issued
 * by the partner's PLMN trust anchor; a key (raw or certified) is a SEPP's when it is the one of the partner's N32-c
 * certificate. The same rule as on TLS ({@code IntermediaryTrust}): PLMN trust never vouches for an IPX.
 *
 * @param partnerLeaf the partner SEPP's N32-c certificate on the connection the list came over
 * @param partnerAnchor the partner's PLMN trust anchor
 */
public record SeppKeyCheck(X509Certificate partnerLeaf, X509Certificate partnerAnchor) {

    /** Why {@code cert} is a SEPP's, or empty when it may be an RI's. */
    public Optional<String> ofCertificate(X509Certificate cert) {
        if (!PeerIdentity.of(cert).plmnIds().isEmpty()) {
            return Optional.of("a SEPP's certificate (it names a PLMN), not a Roaming Intermediary's");
        }
        if (cert.getIssuerX500Principal().equals(partnerAnchor.getSubjectX500Principal())) {
            try {
                cert.verify(partnerAnchor.getPublicKey());
                return Optional.of("issued by the partner's PLMN trust anchor: a SEPP's, not a Roaming Intermediary's");
            } catch (GeneralSecurityException e) {
                // Same name, other key: not issued by that anchor.
            }
        }
        return ofKey(cert.getPublicKey());
    }

    /** Why {@code key} is a SEPP's, or empty when it may be an RI's. */
    public Optional<String> ofKey(PublicKey key) {
        if (Arrays.equals(key.getEncoded(), partnerLeaf.getPublicKey().getEncoded())
                || Arrays.equals(key.getEncoded(), partnerAnchor.getPublicKey().getEncoded())) {
            return Optional.of("the partner SEPP's own key, not a Roaming Intermediary's");
        }
        return Optional.empty();
    }
}
