package org.keygate.sepp.peer;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.n32.ri.RiCertificateCheck;
import org.keygate.tls.revocation.CrlRevocation;
import org.keygate.tls.trust.IntermediaryTrust;

/**
 * The trust in Roaming Intermediaries' signing certificates (IpxProviderSecInfo {@code certificateList}), the same as
 * in their TLS certificates (issue 18): the anchor of an RI provider is the {@code trustAnchor} of the partners'
 * {@code ipx} naming that {@code providerId} (TS 33.501 13.1.2: an RI identifier maps to one trust anchor), and its
 * CRLs are that anchor's {@code revocation}.
 *
 * <ul>
 * <li>{@link #atExchange()}: when a partner announces the certificate (exchange-params, TS 29.573 5.2.3), PKIX to
 *     that anchor and a check against its CRLs, as a TLS handshake does (metrics, onStaleRevocation). No anchor for
 *     the provider: refused, since nothing vouches for the certificate (TS 33.501 13.2.4.5.2 NOTE 1).
 * <li>{@link #stillTrusted()}: at each verified modification, whether a CRL of the anchor lists it now; the answer
 *     is cached per certificate and anchor until the next CRL refresh that brings a new CRL, so the per-message
 *     cost is a lookup, and a revocation takes effect at the refresh that learns of it.
 * </ul>
 */
public final class RiSigningTrust {
    private final PeerDirectory peers;
    private final CrlRevocation revocation;
    private final Map<Key, Optional<String>> listed = new ConcurrentHashMap<>();

    private record Key(X509Certificate anchor, X509Certificate certificate) {}

    public RiSigningTrust(PeerDirectory peers, CrlRevocation revocation) {
        this.peers = peers;
        this.revocation = revocation;
        revocation.onRefresh(listed::clear);
    }

    /** The full check for a certificate a partner announces now. */
    public RiCertificateCheck atExchange() {
        return (providerId, certificate) -> {
            List<X509Certificate> anchors = anchorsOf(providerId);
            if (anchors.isEmpty()) {
                return Optional.of("certificate " + certificate.getSubjectX500Principal() + " of IPX provider "
                        + providerId + ": no trust anchor is configured for that provider (peers[].ipx.trustAnchor);"
                        + " announce its key as a raw public key instead (TS 33.501 13.2.4.5.2 NOTE 1)");
            }
            String why = null;
            for (X509Certificate anchor : anchors) {
                try {
                    IntermediaryTrust.validate(List.of(certificate), anchor);
                    revocation.check(List.of(certificate), anchor);
                    return Optional.empty();
                } catch (CertificateException e) {
                    why = e.getMessage();
                }
            }
            return Optional.of(why + " (IPX provider " + providerId + ", TS 33.310 Annex F.2)");
        };
    }

    /** Whether a certificate accepted at the handshake has been revoked since (no fetch, no metric). */
    public RiCertificateCheck stillTrusted() {
        return (providerId, certificate) -> {
            for (X509Certificate anchor : anchorsOf(providerId)) {
                Optional<String> why = listed.computeIfAbsent(new Key(anchor, certificate),
                        k -> revocation.listed(List.of(k.certificate()), k.anchor()));
                if (why.isPresent()) {
                    return why;
                }
            }
            return Optional.empty();
        };
    }

    private List<X509Certificate> anchorsOf(String providerId) {
        String id = providerId.toLowerCase(Locale.ROOT);
        return peers.all().stream().flatMap(p -> p.intermediary().stream())
                .filter(i -> i.providerId().toLowerCase(Locale.ROOT).equals(id))
                .map(RoamingIntermediary::trustAnchor).distinct().toList();
    }
}
