/**
 * N32-f AES-GCM nonces, {@code IV salt (8 octets) || SEQ (uint32)} (TS 33.501 13.2.4.4.1, NIST SP 800-38D 8.2.1).
 * Starting points: the sender's {@link org.keygate.crypto.nonce.NonceSequence} (one per IV salt, never wraps) and
 * the receiver's {@link org.keygate.crypto.nonce.NonceSequence#seqOf} plus
 * {@link org.keygate.crypto.nonce.ReplayWindow} (anti-replay in the manner of RFC 4303 3.4.3).
 */
package org.keygate.crypto.nonce;
