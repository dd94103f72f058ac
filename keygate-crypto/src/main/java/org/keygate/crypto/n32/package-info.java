/**
 * The N32-f key hierarchy (TS 33.501 13.2.4.4.1): context IDs, the master key from the TLS exporter, N32-KDF and
 * its eight labels, and the per-context keys and IV salts. Starting point:
 * {@link org.keygate.crypto.n32.N32fSessionKeys#derive}.
 */
package org.keygate.crypto.n32;
