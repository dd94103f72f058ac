package org.keygate.crypto.nonce;

/**
 * SEQ has used all 2^32 values for this IV salt: the N32-f context must be re-established with a new context ID
 * (TS 33.501 13.2.4.4.1), never wrapped, or a nonce would repeat under the same key.
 */
public final class NonceSequenceExhaustedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NonceSequenceExhaustedException() {
        super("N32-f nonce sequence exhausted: re-establish the context with a new context ID");
    }
}
