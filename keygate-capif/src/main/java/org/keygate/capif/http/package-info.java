/**
 * HTTP/1.1 over the Bouncy Castle TLS handler ({@link org.keygate.tls.bc.BcTlsHandler}) for what the JDK's TLS
 * under {@code SbiServer}/{@code SbiClient} cannot give CAPIF: the CAPIF-1e TLS 1.2 master secret and session ID
 * (AEFPSK, TS 33.122 A.1) and the CAPIF-2e TLS-PSK suites (TS 33.122 6.5.2.1). Starting points:
 * {@link org.keygate.capif.http.BcHttpServer}, {@link org.keygate.capif.http.BcHttpClient}. Requests reach the
 * same {@link org.keygate.sbi.server.SbiHandler} as on the SBI, with a {@link org.keygate.capif.http.BcSbiConnection}
 * that also exposes the {@link org.keygate.tls.bc.BcTlsSession}.
 */
package org.keygate.capif.http;
