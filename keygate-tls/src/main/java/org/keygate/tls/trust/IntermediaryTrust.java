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
        path(chain, anchor);
    }

    /**
     * Why an intermediary's chain accepted at an earlier handshake is not trusted now: it validates under none of
     * {@code anchors} (a reload dropped or replaced its CA), or a cached CRL of the anchor it validates under lists one
     * of its certificates. Empty when it is trusted, or carries PLMN IDs (a SEPP's: {@link PlmnTrustAnchors} decides).
     * No metric, no fetch: for established connections and resumed sessions (issue 18).
     */
    public static java.util.Optional<String> untrustedNow(List<X509Certificate> chain,
            java.util.Collection<X509Certificate> anchors, org.keygate.tls.revocation.CrlRevocation revocation) {
        if (chain == null || chain.isEmpty() || !PeerIdentity.of(chain.getFirst()).plmnIds().isEmpty()) {
            return java.util.Optional.empty();
        }
        for (X509Certificate anchor : anchors) {
            List<X509Certificate> path;
            try {
                path = path(chain, anchor);
            } catch (CertificateException e) {
                continue;
            }
            return revocation.listed(path, anchor);
        }
        return java.util.Optional.of("certificate " + chain.getFirst().getSubjectX500Principal()
                + " does not validate against any Roaming Intermediary anchor configured now");
    }

    /** The validated path: {@code chain} without the anchor. */
    private static List<X509Certificate> path(List<X509Certificate> chain, X509Certificate anchor)
            throws CertificateException {
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
            // Revocation is checked apart, against our own CRL cache (CrlRevocation says why).
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return path;
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate chain of " + leaf.getSubjectX500Principal()
                    + " does not validate against the Roaming Intermediary's anchor: " + e.getMessage(), e);
        }
    }
}
