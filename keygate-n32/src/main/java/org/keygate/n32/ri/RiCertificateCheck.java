package org.keygate.n32.ri;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Whether a Roaming Intermediary's signing certificate, announced in IpxProviderSecInfo {@code certificateList}, is
 * trusted: TS 33.501 13.2.4.5.2 NOTE 1 has operators certify the RI providers they deal with, so a certificate is
 * only worth more than a raw key when it chains to a trust anchor configured for that RI provider (13.1.2: "a list of
 * trusted root certificates and a list of unique identifiers for a given RI") and its issuer has not revoked it
 * (TS 33.310 Annex F.2). The node supplies the implementation; this package only asks.
 */
@FunctionalInterface
public interface RiCertificateCheck {
    /** Trusts every certificate (tests of the protocol core, and nodes without any IPX trust). */
    RiCertificateCheck NONE = (providerId, certificate) -> Optional.empty();

    /**
     * Why {@code certificate}, announced for {@code ipxProviderId}, must not verify modifications; empty when it may.
     * The reason names the certificate and what failed, never key bytes.
     */
    Optional<String> refusal(String ipxProviderId, X509Certificate certificate);
}
