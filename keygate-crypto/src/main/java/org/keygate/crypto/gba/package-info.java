/**
 * The TS 33.220 Annex B generic key derivation function (B.2.0): HMAC-SHA-256 over
 * {@code FC || P0 || L0 || ... || Pn || Ln}. Used by CAPIF (TS 33.122 A.1) and other 3GPP derivations. Starting
 * point: {@link org.keygate.crypto.gba.Ts33220Kdf#derive}.
 */
package org.keygate.crypto.gba;
