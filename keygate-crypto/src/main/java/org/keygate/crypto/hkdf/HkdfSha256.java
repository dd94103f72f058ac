package org.keygate.crypto.hkdf;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869). The JDK has HMAC but no HKDF API before its KDF preview, so the two short
 * steps are written here on top of the JCA {@code HmacSHA256}.
 */
public final class HkdfSha256 {
    /** RFC 5869 2.3: L &lt;= 255 * HashLen. */
    public static final int MAX_OUTPUT_LENGTH = 255 * 32;
    private static final String HMAC = "HmacSHA256";

    private HkdfSha256() {}

    /**
     * RFC 5869 2.2: PRK = HMAC-Hash(salt, IKM). A salt that is empty or null ("not provided" in the RFC) means
     * HashLen zero octets; both give the same PRK, so null is not ambiguous here.
     */
    public static SecretBytes extract(byte[] salt, SecretBytes ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] key = salt == null || salt.length == 0 ? new byte[32] : salt;
        byte[] in = ikm.toByteArray(InsecureSecretAccess.get());
        try {
            byte[] prk = mac(key).doFinal(in);
            try {
                return SecretBytes.copyOf(prk);
            } finally {
                Arrays.fill(prk, (byte) 0);
            }
        } finally {
            Arrays.fill(in, (byte) 0);
        }
    }

    /** RFC 5869 2.3: OKM = T(1) || T(2) || ... truncated to {@code length} octets. */
    public static SecretBytes expand(SecretBytes prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        // Null is refused rather than read as empty: STYLE.md, "null meaning empty".
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("length: " + length + " (expected: 1.." + MAX_OUTPUT_LENGTH + ")");
        }
        if (prk.length() < 32) {
            // RFC 5869 2.3: PRK is "at least HashLen octets".
            throw new IllegalArgumentException("prk: " + prk.length() + " octets (expected: at least 32)");
        }
        byte[] key = prk.toByteArray(InsecureSecretAccess.get());
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        try {
            Mac mac = mac(key);
            int done = 0;
            for (int i = 1; done < length; i++) {
                mac.update(t);
                mac.update(info);
                mac.update((byte) i);
                Arrays.fill(t, (byte) 0);
                t = mac.doFinal();
                int n = Math.min(t.length, length - done);
                System.arraycopy(t, 0, okm, done, n);
                done += n;
            }
            return SecretBytes.copyOf(okm);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(t, (byte) 0);
            Arrays.fill(okm, (byte) 0);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }
}
