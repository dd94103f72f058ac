/**
 * JSSE contexts for CAPIF's certificate TLS (CAPIF-1e onboarding and CAPIF-3, TS 33.122 6.1 and 6.3): one key and
 * chain, trust in the CCF's CA only. Starting point: {@link org.keygate.capif.tls.CapifTls#context}.
 */
package org.keygate.capif.tls;
