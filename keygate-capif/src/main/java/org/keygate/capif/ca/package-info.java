/**
 * The CCF as certificate authority (TS 33.122 6.1, 6.2; TS 29.222 8.4 and 8.9): API invokers and API provider
 * functions onboard with a PKCS#10 CSR, the CCF issues a client certificate whose CN is the ID it assigned, and
 * CAPIF-1e and CAPIF-3 then run over mutual TLS with that certificate. Starting point:
 * {@link org.keygate.capif.ca.CcfCertificateAuthority}.
 */
package org.keygate.capif.ca;
