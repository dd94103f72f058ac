/**
 * Revocation of peer certificates (TS 33.310 Annex F.2) by CRLs (RFC 5280 5) and OCSP (RFC 6960): per trust anchor,
 * CRLs from files or http URLs and OCSP answers from the configured responder or the certificates' AIA, fetched in
 * the background and cached, checked after PKIX path validation by the trust managers of {@link
 * org.keygate.tls.trust}.
 *
 * <p>Starting points: {@link org.keygate.tls.revocation.RevocationPolicy} (with {@link
 * org.keygate.tls.revocation.OcspPolicy}) per {@link org.keygate.tls.revocation.AnchorRevocation}, and {@link
 * org.keygate.tls.revocation.CrlRevocation}, which keeps both kinds and checks a path. OCSP's parts are
 * package-private: {@code OcspRequest} (RFC 6960 4.1), {@code OcspFetch} (A.1, http POST), {@code
 * OcspResponseVerifier} (3.2, 4.2.2.2) and {@code OcspCache}.
 */
package org.keygate.tls.revocation;
