/**
 * TLS on Netty with Bouncy Castle's non-blocking TLS API, for what the JDK's TLS cannot do: PSK suites (RFC 4279,
 * RFC 5487, RFC 8442) and TLS 1.3 external PSK (RFC 8446 4.2.11), the TLS 1.2 master secret and a 32-octet session
 * ID (TS 33.122 AEFPSK), extended master secret (RFC 7627) and the renegotiation policy (RFC 5746).
 *
 * <p>Starting points: {@link org.keygate.tls.bc.BcTlsHandler} (the Netty handler), its configs
 * {@link org.keygate.tls.bc.BcTlsServerConfig} and {@link org.keygate.tls.bc.BcTlsClientConfig}, the session it
 * reports ({@link org.keygate.tls.bc.BcTlsSession}), and {@link org.keygate.tls.bc.PskLookup} for servers whose PSKs
 * live elsewhere. See docs/TLS-BC.md.
 */
package org.keygate.tls.bc;
