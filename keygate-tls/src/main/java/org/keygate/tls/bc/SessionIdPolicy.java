package org.keygate.tls.bc;

/** The session ID a TLS 1.2 server puts in its ServerHello (RFC 5246 7.4.1.3). */
public enum SessionIdPolicy {
    /**
     * 32 random octets from the server's SecureRandom. Needed where the session ID is key-derivation input
     * (TS 33.122 for AEFPSK: P1 = the CAPIF-1e TLS session ID, never empty). The default. The session is not cached
     * for resumption: a client offering it again gets a full handshake.
     */
    RANDOM_32_OCTETS,
    /** An empty session ID: the session cannot be resumed (RFC 5246 7.4.1.3). */
    EMPTY
}
