package org.keygate.crypto.aka;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The generic key derivation function of TS 33.220 Annex B.2: {@code derived key = HMAC-SHA-256(Key, S)} with
 * {@code S = FC || P0 || L0 || P1 || L1 || ...}, each {@code Li} the length of {@code Pi} in octets as two octets,
 * big-endian (B.2.1.1). Written by hand because no library offers this framing; the MAC is the JCA's.
 */
public final class Kdf33220 {
    /** TS 33.220 B.2.1.1: {@code Li} is two octets, so a parameter is at most 65535 octets. */
    public static final int MAX_PARAMETER_LENGTH = 0xFFFF;

    private Kdf33220() {}

    /** The 32-octet output of the KDF for function code {@code fc} over the parameters {@code p} in order. */
    public static SecretBytes derive(SecretBytes key, int fc, byte[]... p) {
        byte[] k = key.toByteArray(InsecureSecretAccess.get());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return SecretBytes.copyOf(mac.doFinal(s(fc, p)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        } finally {
            java.util.Arrays.fill(k, (byte) 0);
        }
    }

    /** The input string S of TS 33.220 B.2.1.1. */
    static byte[] s(int fc, byte[]... p) {
        if (fc < 0 || fc > 0xFF) {
            throw new IllegalArgumentException("FC: " + fc + " (expected: one octet)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(fc);
        for (byte[] pi : p) {
            Objects.requireNonNull(pi, "P");
            if (pi.length > MAX_PARAMETER_LENGTH) {
                throw new IllegalArgumentException("P length: " + pi.length + " (expected: <= 65535)");
            }
            out.writeBytes(pi);
            out.write(pi.length >>> 8);
            out.write(pi.length & 0xFF);
        }
        return out.toByteArray();
    }
}
