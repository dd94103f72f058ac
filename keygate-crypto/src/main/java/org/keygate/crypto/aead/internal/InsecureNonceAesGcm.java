package org.keygate.crypto.aead.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * AES-GCM (NIST SP 800-38D) with a nonce the caller chooses: "insecure" because reusing a nonce under one key
 * breaks both confidentiality and integrity. Only a nonce owner may call it: N32-f's protector, whose nonces come
 * from a {@link org.keygate.crypto.nonce.NonceSequence} (TS 33.501 13.2.4.4.1: IV salt || SEQ, never repeated).
 * The JCA cipher is used, one {@link Cipher} per key and thread, initialised anew for every call: looking the
 * transformation up per message cost more than the encryption of a short message (issue 10's profiles). The JDK
 * refuses to encrypt twice with the key and IV of a cipher's previous call, a check that only a repeated nonce under
 * this key trips, never a correct caller. 128-bit tags only (RFC 7518 5.3).
 *
 * <p>Thread-safe. Key octets are copied once, at construction.
 */
public final class InsecureNonceAesGcm {
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final int keyBits;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + TRANSFORMATION, e);
        }
    });

    public InsecureNonceAesGcm(SecretBytes key) {
        int n = key.length();
        if (n != 16 && n != 24 && n != 32) {
            throw new IllegalArgumentException("AES key: " + n + " octets (expected: 16, 24 or 32)");
        }
        this.keyBits = n * 8;
        byte[] raw = key.toByteArray(InsecureSecretAccess.get());
        try {
            this.key = new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Returns ciphertext || tag (16 octets). */
    public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Returns the plaintext of ciphertext || tag.
     *
     * @throws AEADBadTagException when the tag does not verify (wrong key, nonce, data or associated data)
     */
    public byte[] decrypt(byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData) throws AEADBadTagException {
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new AEADBadTagException("shorter than the 16-octet tag");
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(ciphertextAndTag);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce: " + nonce.length + " octets (expected: 12)");
        }
        Cipher c = ciphers.get();
        c.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        c.updateAAD(associatedData);
        return c;
    }

    @Override
    public String toString() {
        return "InsecureNonceAesGcm[" + keyBits + "-bit key]";
    }
}
