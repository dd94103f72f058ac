/** HKDF-SHA-256 (RFC 5869). Starting point: {@link org.keygate.crypto.hkdf.HkdfSha256}. */
package org.keygate.crypto.hkdf;
