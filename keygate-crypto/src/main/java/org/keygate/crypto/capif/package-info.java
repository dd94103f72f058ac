/**
 * CAPIF-2e key derivation (TS 33.122 Annex A.1): AEFPSK from the CAPIF-1e TLS 1.2 session's master secret and
 * session ID, bound to one AEF interface. Starting point: {@link org.keygate.crypto.capif.AefPsk#derive}.
 */
package org.keygate.crypto.capif;
