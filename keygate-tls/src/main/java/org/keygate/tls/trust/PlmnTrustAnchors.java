package org.keygate.tls.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keygate.tls.expiry.CertificateExpiry;
import org.keygate.tls.plmn.NfTypes;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.revocation.CrlRevocation;

/**
 * One trust anchor per remote PLMN (TS 33.501 13.1.2): "the SEPP shall map the PLMN-IDs as extracted from the
 * remote SEPP end entity certificate to the associated trust anchor ... If the remote SEPP end entity certificate
 * contains multiple PLMN-IDs that are mapped to different trust anchors, then that certificate shall be rejected."
 *
 * <p>Immutable. Revocation is checked by the {@link CrlRevocation} given to the builder, after PKIX validation (which
 * runs without the JDK's own revocation checking: {@link CrlRevocation} says why); without one, not at all. The leaf
 * of each validated chain is reported to the {@link CertificateExpiry} given, as its PLMN's last-seen certificate.
 */
public final class PlmnTrustAnchors {
    private final Map<PlmnId, X509Certificate> anchors;
    private final CrlRevocation revocation;
    private final CertificateExpiry expiry;

    private PlmnTrustAnchors(Map<PlmnId, X509Certificate> anchors, CrlRevocation revocation,
            CertificateExpiry expiry) {
        this.anchors = Map.copyOf(anchors);
        this.revocation = revocation;
        this.expiry = expiry;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<X509Certificate> allAnchors() {
        return Set.copyOf(anchors.values());
    }

    /**
     * The single anchor the chain's leaf maps to, after PKIX validation of the chain against it.
     *
     * @throws CertificateException naming the PLMNs when no anchor or more than one applies, or the chain does
     *     not validate
     */
    public X509Certificate anchorFor(List<X509Certificate> chain) throws CertificateException {
        if (chain == null || chain.isEmpty()) {
            throw new CertificateException("no certificate presented");
        }
        X509Certificate leaf = chain.getFirst();
        Set<PlmnId> plmns = PeerIdentity.of(leaf).plmnIds();
        if (plmns.isEmpty()) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal()
                    + " carries no PLMN ID in a SAN dNSName (*.5gc.mncXXX.mccYYY.3gppnetwork.org)");
        }
        Set<X509Certificate> mapped = new LinkedHashSet<>();
        for (PlmnId plmn : plmns) {
            X509Certificate anchor = anchors.get(plmn);
            if (anchor == null) {
                throw new CertificateException("no trust anchor configured for PLMN " + plmn + " of certificate "
                        + leaf.getSubjectX500Principal());
            }
            mapped.add(anchor);
        }
        if (mapped.size() > 1) {
            throw new CertificateException("certificate " + leaf.getSubjectX500Principal() + " carries PLMN IDs "
                    + plmns.stream().map(PlmnId::toString).sorted().collect(Collectors.joining(", "))
                    + " that map to different trust anchors (TS 33.501 13.1.2)");
        }
        X509Certificate anchor = mapped.iterator().next();
        List<X509Certificate> path = validate(chain, anchor);
        // RFC 9310: a partner whose certificate names its NF types must be a SEPP (after PKIX, so that a forged
        // certificate is refused as untrusted, not for its contents).
        NfTypes.requireSepp(leaf);
        revocation.check(path, anchor);
        expiry.watch("peer", plmns.stream().map(PlmnId::toString).sorted().collect(Collectors.joining(",")), leaf);
        return anchor;
    }

    /**
     * Why a chain accepted at an earlier handshake is not trusted under these anchors now: its PLMNs map to no single
     * anchor, it does not validate against it, its NF types exclude SEPP, or a cached CRL lists it. Empty when it is
     * trusted, or carries no PLMN ID (an intermediary's: its own trust decides). No metric, no fetch: for established
     * connections and resumed sessions (issue 18: after a reload, a CRL refresh, or a TLS 1.3 resumption, which the
     * trust manager does not see).
     */
    public java.util.Optional<String> untrustedNow(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || PeerIdentity.of(chain.getFirst()).plmnIds().isEmpty()) {
            return java.util.Optional.empty();
        }
        X509Certificate leaf = chain.getFirst();
        Set<X509Certificate> mapped = new LinkedHashSet<>();
        for (PlmnId plmn : PeerIdentity.of(leaf).plmnIds()) {
            X509Certificate anchor = anchors.get(plmn);
            if (anchor == null) {
                return java.util.Optional.of("no trust anchor configured for PLMN " + plmn + " of certificate "
                        + leaf.getSubjectX500Principal());
            }
            mapped.add(anchor);
        }
        if (mapped.size() > 1) {
            return java.util.Optional.of("certificate " + leaf.getSubjectX500Principal()
                    + " carries PLMN IDs that map to different trust anchors (TS 33.501 13.1.2)");
        }
        X509Certificate anchor = mapped.iterator().next();
        try {
            List<X509Certificate> path = validate(chain, anchor);
            NfTypes.requireSepp(leaf);
            return revocation.listed(path, anchor);
        } catch (CertificateException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** The validated path: {@code chain} without the anchor. */
    private static List<X509Certificate> validate(List<X509Certificate> chain, X509Certificate anchor) throws CertificateException {
        // The anchor itself is not part of the path (RFC 5280 6.1).
        List<X509Certificate> path = chain.stream().filter(c -> !c.equals(anchor)).toList();
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return path;
        } catch (InvalidAlgorithmParameterException e) {
            throw new CertificateException("bad trust anchor: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("certificate chain of " + chain.getFirst().getSubjectX500Principal()
                    + " does not validate against the anchor of its PLMN: " + e.getMessage(), e);
        }
    }

    /** Collects PLMN -> anchor pairs; a PLMN may be given only one anchor. */
    public static final class Builder {
        private final Map<PlmnId, X509Certificate> anchors = new LinkedHashMap<>();
        private CrlRevocation revocation = CrlRevocation.none();
        private CertificateExpiry expiry = CertificateExpiry.none();

        private Builder() {}

        /** Checks validated chains against the CRLs {@code revocation} keeps; default: no revocation checking. */
        public Builder revocation(CrlRevocation revocation) {
            this.revocation = java.util.Objects.requireNonNull(revocation, "revocation");
            return this;
        }

        /** Where the leaf of each validated chain is reported; default: nowhere. */
        public Builder expiry(CertificateExpiry expiry) {
            this.expiry = java.util.Objects.requireNonNull(expiry, "expiry");
            return this;
        }

        public Builder add(PlmnId plmn, X509Certificate anchor) {
            X509Certificate previous = anchors.putIfAbsent(plmn, anchor);
            if (previous != null && !previous.equals(anchor)) {
                throw new IllegalArgumentException("PLMN " + plmn + " already has a different trust anchor");
            }
            return this;
        }

        public PlmnTrustAnchors build() {
            if (anchors.isEmpty()) {
                throw new IllegalStateException("trustAnchors: none (expected: at least one PLMN and its anchor)");
            }
            return new PlmnTrustAnchors(anchors, revocation, expiry);
        }
    }
}
