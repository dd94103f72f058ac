package org.keygate.tls.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.keygate.tls.plmn.PeerIdentity;

/**
 * Trust in a Roaming Intermediary (IPX) on an N32-f hop: plain PKIX to the IPX's own CA, as configured for it. PLMN
 * trust (TS 33.501 13.1.2) is about SEPP certificates and does not apply: an IPX is no PLMN. The other way round, a
 * certificate that carries PLMN IDs is never taken for an IPX's, so an IPX's CA cannot vouch for a SEPP of a PLMN
 * (those always go through {@link PlmnTrustAnchors}).
 */
public final class IntermediaryTrust {
    private IntermediaryTrust() {}

    /**
     * Checks that {@code chain} (leaf first) is an intermediary's: its leaf carries no PLMN ID and it validates
     * against {@code anchor}.
     *
     * @throws CertificateException naming the leaf and what failed
     */
    public static void validate(List<X509Certificate> chain, X509Certificate anchor) throws CertificateException {
        if (chain == null || chain.isEmpty()) {
            throw new CertificateException("no certificate presented");
        }
        X509Certificate leaf = chain.getFirst();
        if (!PeerIdentity.of(leaf).plmnIds().isEmpty()) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal()
                    + " carries PLMN IDs: a SEPP's, not a Roaming Intermediary's");
        }
        List<X509Certificate> path = chain.stream().filter(c -> !c.equals(anchor)).toList();
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            // As for SEPPs (PlmnTrustAnchors): lab PKIs publish no CRLs; revocation is left to a later option.
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate chain of " + leaf.getSubjectX500Principal()
                    + " does not validate against the Roaming Intermediary's anchor: " + e.getMessage(), e);
        }
    }
}
