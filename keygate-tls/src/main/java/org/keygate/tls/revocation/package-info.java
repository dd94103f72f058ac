/**
 * Revocation of peer certificates by CRLs (RFC 5280 5, TS 33.310 Annex F.2): per trust anchor, CRLs from files or
 * http URLs, fetched in the background and cached ({@link org.keygate.tls.revocation.CrlRevocation}), checked after
 * PKIX path validation by the trust managers of {@link org.keygate.tls.trust}.
 */
package org.keygate.tls.revocation;
