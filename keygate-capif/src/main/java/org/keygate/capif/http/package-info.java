/**
 * An HTTP/1.1 client over the Bouncy Castle TLS handler ({@link org.keygate.tls.bc.BcTlsHandler}) that keeps the
 * negotiated {@link org.keygate.tls.bc.BcTlsSession}: the invoker reads its CAPIF-1e TLS 1.2 master secret and
 * session ID there (AEFPSK, TS 33.122 A.1), and CAPIF-2e calls offer a PSK (TS 33.122 6.5.2.1). Servers use
 * {@code SbiServer.builder().bcTls(...)}. Starting point: {@link org.keygate.capif.http.BcHttpClient}.
 */
package org.keygate.capif.http;
