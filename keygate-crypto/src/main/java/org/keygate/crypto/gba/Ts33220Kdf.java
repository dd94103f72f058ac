package org.keygate.crypto.gba;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * TS 33.220 B.2.0: derived key = HMAC-SHA-256(Key, S), S = FC || P0 || L0 || P1 || L1 || ... || Pn || Ln, each Li
 * the length of Pi as two octets big-endian. The output is the whole 32-octet HMAC (B.2.0 allows truncation by the
 * calling clause; none of keygate's callers truncates).
 *
 * <p>The JCA has HMAC but no 3GPP KDF; the string S is the only thing written here.
 */
public final class Ts33220Kdf {
    /** HMAC-SHA-256 output length. */
    public static final int OUTPUT_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private Ts33220Kdf() {}

    /** The input string S of TS 33.220 B.2.0 (not secret: it holds no key). */
    public static byte[] inputString(int fc, List<KdfParameter> parameters) {
        if (fc < 0 || fc > 0xFF) {
            throw new IllegalArgumentException("FC: " + fc + " (expected: one octet)");
        }
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters: none (expected: at least P0, TS 33.220 B.2.0)");
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(fc);
        for (KdfParameter p : parameters) {
            s.writeBytes(p.octets());
            s.write(p.length() >>> 8);
            s.write(p.length() & 0xFF);
        }
        return s.toByteArray();
    }

    /** HMAC-SHA-256({@code key}, S). */
    public static SecretBytes derive(SecretBytes key, int fc, List<KdfParameter> parameters) {
        Objects.requireNonNull(key, "key");
        byte[] s = inputString(fc, parameters);
        byte[] k = key.toByteArray(InsecureSecretAccess.get());
        byte[] out = null;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(k, HMAC));
            out = mac.doFinal(s);
            return SecretBytes.copyOf(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        } finally {
            Arrays.fill(k, (byte) 0);
            if (out != null) {
                Arrays.fill(out, (byte) 0);
            }
        }
    }
}
