package org.keygate.crypto.mikey;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * KEMAC "Encr alg" values (RFC 3830 Table 6.2.a, RFC 6043 Table 6.5) and the key-data transport encryption.
 *
 * <p>RFC 3830 4.2.3: AES in counter mode as in SRTP, SRTP_PREFIX_LENGTH zero,
 * IV = (S XOR (0x0000 || CSB ID || T)) || 0x0000 with S the 112-bit salt_key and T the 64-bit timestamp. The
 * low 16 bits of the counter block start at zero, so the JCA's big-endian "AES/CTR" increment equals SRTP's
 * for the at most 2^16 blocks a KEMAC (under 2^16 octets) can have.
 */
public enum MikeyEncrAlg {
    /** No encryption: only where RFC 6043 demands it (the KEMAC inside a TP payload, 6.10). */
    NULL(0, 0),
    AES_CM_128(1, 16),
    /** Defined by RFC 3830 but not implemented here: its receiver answers Invalid EA. */
    AES_KW_128(2, 16),
    /** RFC 6043 6.2. */
    AES_CM_256(3, 32);

    /** RFC 3830 4.2.3: 112-bit salting key. */
    public static final int SALT_OCTETS = 14;

    private final int wireValue;
    private final int keyOctets;

    MikeyEncrAlg(int wireValue, int keyOctets) {
        this.wireValue = wireValue;
        this.keyOctets = keyOctets;
    }

    public int wireValue() {
        return wireValue;
    }

    /** encr_key length in octets (0 for NULL). */
    public int keyOctets() {
        return keyOctets;
    }

    /** Whether a salt_key is derived and used in the IV (AES-CM). */
    public boolean usesSalt() {
        return this == AES_CM_128 || this == AES_CM_256;
    }

    /** Whether keygate can encrypt and decrypt with it. */
    public boolean supported() {
        return this != AES_KW_128;
    }

    public static MikeyEncrAlg fromWire(int value) {
        for (MikeyEncrAlg a : values()) {
            if (a.wireValue == value) {
                return a;
            }
        }
        return null;
    }

    /**
     * Encrypts or decrypts (the same operation in counter mode) {@code data} with the message's keys; {@code t} is
     * the 64-bit timestamp value (a 32-bit one padded as RFC 3830 6.6 and RFC 6043 6.3 say). NULL copies.
     */
    public byte[] apply(MikeyMessageKeys keys, long csbId, long t, byte[] data) {
        Objects.requireNonNull(data, "data");
        if (this == NULL) {
            return data.clone();
        }
        if (!supported()) {
            throw new IllegalStateException(this + " is not implemented");
        }
        byte[] key = keys.encrKey().toByteArray(InsecureSecretAccess.get());
        byte[] salt = keys.saltKey().toByteArray(InsecureSecretAccess.get());
        try {
            if (key.length != keyOctets || salt.length != SALT_OCTETS) {
                throw new IllegalArgumentException("keys do not fit " + this);
            }
            byte[] iv = new byte[16];
            System.arraycopy(salt, 0, iv, 0, SALT_OCTETS);
            for (int i = 0; i < 4; i++) {
                iv[2 + i] ^= (byte) (csbId >>> (24 - 8 * i));
            }
            for (int i = 0; i < 8; i++) {
                iv[6 + i] ^= (byte) (t >>> (56 - 8 * i));
            }
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is mandatory in every JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(salt, (byte) 0);
        }
    }
}
