/**
 * N32-f AES-GCM nonces: the sender's {@link org.keygate.crypto.nonce.NonceSequence} and the receiver's
 * {@link org.keygate.crypto.nonce.ReplayWindow} (TS 33.501 13.2.4.4.1).
 */
package org.keygate.crypto.nonce;
