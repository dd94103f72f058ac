package org.keygate.crypto.nonce;

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

    private final byte[] salt;
    private final AtomicLong next;

    private NonceSequence(IvSalt salt, long start) {
        this.salt = salt.salt().toByteArray(InsecureSecretAccess.get());
        this.next = new AtomicLong(start);
    }

    public static NonceSequence of(IvSalt salt) {
        return new NonceSequence(salt, 0);
    }

    /** For tests of exhaustion: a sequence whose next SEQ is {@code seq}. */
    static NonceSequence startingAt(IvSalt salt, long seq) {
        return new NonceSequence(salt, seq);
    }

    /** The next 12-octet nonce. */
    public byte[] next() {
        long seq = next.getAndUpdate(s -> s >= SEQ_LIMIT ? s : s + 1);
        if (seq >= SEQ_LIMIT) {
            throw new NonceSequenceExhaustedException();
        }
        byte[] nonce = new byte[12];
        System.arraycopy(salt, 0, nonce, 0, 8);
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
