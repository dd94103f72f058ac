package org.keygate.crypto.mikey;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * KEMAC "MAC alg" and V "Auth alg" values (RFC 3830 Table 6.2.b, RFC 6043 Table 6.6) and the MAC itself
 * (RFC 3830 4.2.4: HMAC keyed with an auth_key as long as the hash output).
 */
public enum MikeyMacAlg {
    NULL(0, 0, null),
    HMAC_SHA_1_160(1, 20, "HmacSHA1"),
    /** RFC 6043 6.2. */
    HMAC_SHA_256_256(2, 32, "HmacSHA256");

    private final int wireValue;
    private final int macOctets;
    private final String jca;

    MikeyMacAlg(int wireValue, int macOctets, String jca) {
        this.wireValue = wireValue;
        this.macOctets = macOctets;
        this.jca = jca;
    }

    public int wireValue() {
        return wireValue;
    }

    /** MAC field length, implicit on the wire (RFC 3830 6.9); also the auth_key length. */
    public int macOctets() {
        return macOctets;
    }

    public static MikeyMacAlg fromWire(int value) {
        for (MikeyMacAlg a : values()) {
            if (a.wireValue == value) {
                return a;
            }
        }
        return null;
    }

    /** HMAC over the concatenation of {@code parts}; empty for NULL. */
    public byte[] mac(SecretBytes authKey, byte[]... parts) {
        if (this == NULL) {
            return new byte[0];
        }
        byte[] key = authKey.toByteArray(InsecureSecretAccess.get());
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(key, jca));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " is mandatory in every JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Constant-time check of {@code received} against the MAC of {@code parts}. NULL never verifies. */
    public boolean verify(SecretBytes authKey, byte[] received, byte[]... parts) {
        if (this == NULL) {
            return false;
        }
        return MessageDigest.isEqual(mac(authKey, parts), received);
    }
}
