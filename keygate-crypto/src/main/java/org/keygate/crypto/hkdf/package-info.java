/**
 * HKDF with HMAC-SHA-256 (RFC 5869 2.2, 2.3), the base of N32-KDF (TS 33.501 13.2.4.4.1). Starting point:
 * {@link org.keygate.crypto.hkdf.HkdfSha256}.
 */
package org.keygate.crypto.hkdf;
