package org.keygate.crypto.nonce;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.keygate.crypto.n32.IvSalt;
import org.keygate.crypto.secret.InsecureSecretAccess;

/**
 * The 96-bit AES-GCM nonces of one IV salt: {@code Nonce = IV salt (8 octets) || SEQ (uint32, big-endian)}, SEQ
 * from 0 (TS 33.501 13.2.4.4.1, NIST SP 800-38D 8.2.1). One sequence per salt; thread-safe; never wraps: after
 * SEQ 0xFFFFFFFF every call throws {@link NonceSequenceExhaustedException}.
 */
public final class NonceSequence {
    /** SEQ is a 32-bit unsigned integer. */
    static final long SEQ_LIMIT = 1L << 32;
    /** 96 bits, NIST SP 800-38D 8.2.1. */
    public static final int NONCE_LENGTH = 12;

    private final byte[] salt;
    private final AtomicLong next;

    private NonceSequence(IvSalt salt, long start) {
        Objects.requireNonNull(salt, "salt");
        this.salt = salt.salt().toByteArray(InsecureSecretAccess.get());
        this.next = new AtomicLong(start);
    }

    /** A sequence whose first nonce has SEQ 0. */
    public static NonceSequence of(IvSalt salt) {
        return new NonceSequence(salt, 0);
    }

    /** For tests of exhaustion: a sequence whose next SEQ is {@code seq}. */
    static NonceSequence startingAt(IvSalt salt, long seq) {
        if (seq < 0 || seq > SEQ_LIMIT) {
            throw new IllegalArgumentException("seq: " + seq + " (expected: 0..2^32)");
        }
        return new NonceSequence(salt, seq);
    }

    /**
     * Receiver side (DESIGN.md): the SEQ of a received 12-octet {@code nonce} whose first 8 octets must equal
     * {@code salt} (compared in constant time). Feed the result to a {@link ReplayWindow}.
     *
     * @throws IllegalArgumentException if the nonce is not 12 octets or carries another salt; the message
     *     contains neither.
     */
    public static long seqOf(IvSalt salt, byte[] nonce) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce: " + nonce.length + " octets (expected: " + NONCE_LENGTH + ")");
        }
        byte[] expected = salt.salt().toByteArray(InsecureSecretAccess.get());
        try {
            if (!MessageDigest.isEqual(expected, Arrays.copyOf(nonce, IvSalt.LENGTH))) {
                throw new IllegalArgumentException("nonce: IV salt does not match the N32-f context's");
            }
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
        return (nonce[8] & 0xFFL) << 24 | (nonce[9] & 0xFFL) << 16 | (nonce[10] & 0xFFL) << 8 | nonce[11] & 0xFFL;
    }

    /** The next 12-octet nonce. */
    public byte[] next() {
        long seq = next.getAndUpdate(s -> s >= SEQ_LIMIT ? s : s + 1);
        if (seq >= SEQ_LIMIT) {
            throw new NonceSequenceExhaustedException();
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        System.arraycopy(salt, 0, nonce, 0, IvSalt.LENGTH);
        nonce[8] = (byte) (seq >>> 24);
        nonce[9] = (byte) (seq >>> 16);
        nonce[10] = (byte) (seq >>> 8);
        nonce[11] = (byte) seq;
        return nonce;
    }

    @Override
    public String toString() {
        return "NonceSequence[next SEQ " + next.get() + "]";
    }
}
