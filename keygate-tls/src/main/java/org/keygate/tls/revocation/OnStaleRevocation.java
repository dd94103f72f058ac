package org.keygate.tls.revocation;

/**
 * What a handshake does when the revocation status of a certificate cannot be known: no CRL could be fetched yet, or
 * the cached one is past its {@code nextUpdate} (RFC 5280 5.1.2.5). Certificates listed as revoked in a cached CRL are
 * refused in both modes, stale or not: a CRL never un-revokes (except removeFromCRL, which a newer CRL carries).
 */
public enum OnStaleRevocation {
    /** Refuse the handshake: a partner is cut off when its CA's CRL server is down past nextUpdate. */
    REFUSE,
    /** Accept, log a WARN and count it in {@code keygate_tls_revocation_checks_total{outcome="stale_accepted"}}. */
    WARN
}
