/**
 * The API invoker (TS 33.122 6.1, 6.5.2): onboarding with a CSR, discovery, the security method request made on a
 * CAPIF-1e TLS 1.2 session whose master secret and session ID give AEFPSK (A.1), and CAPIF-2e calls with TLS-PSK
 * (identity = the invoker's ID) or with its CCF-issued certificate. Starting point:
 * {@link org.keygate.capif.invoker.ApiInvoker#onboard}.
 */
package org.keygate.capif.invoker;
