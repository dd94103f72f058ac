/**
 * The API exposing function (TS 33.122 6.5, TS 29.222 8.6): a CAPIF-2e listener on the BC TLS handler serving a
 * sample northbound API to invokers authenticated by TLS-PSK (AEFPSK fetched from the CCF over CAPIF-3 when an
 * invoker's identity arrives) or by a CCF-issued certificate (PKI), authorization obtained from the CCF and enforced
 * on every call; and the AEF_Security API ({@code check-authentication}, {@code revoke-authorization}) for the CCF.
 * Starting point: {@link org.keygate.capif.aef.ApiExposingFunction}.
 */
package org.keygate.capif.aef;
