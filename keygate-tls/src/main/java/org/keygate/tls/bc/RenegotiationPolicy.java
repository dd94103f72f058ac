package org.keygate.tls.bc;

/**
 * What a peer does when the other side starts a new handshake on an established TLS 1.2 connection (TLS 1.3 has no
 * renegotiation, RFC 8446 4.1.2).
 */
public enum RenegotiationPolicy {
    /** Every renegotiation is refused with a no_renegotiation warning alert (RFC 5246 7.2.2). The default. */
    REFUSE,
    /**
     * Accepted only when both sides negotiated RFC 5746 secure renegotiation on the connection (renegotiation_info or
     * the SCSV) and, for a resumed session, RFC 7627 extended master secret (RFC 7627 5.4); refused otherwise, as
     * {@link #REFUSE}. Bouncy Castle marks renegotiation "experimental".
     */
    ACCEPT_SECURE
}
