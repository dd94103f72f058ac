package org.keygate.crypto.mikey;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The MIKEY PRFs, with their wire values of the HDR and TP "PRF func" fields.
 *
 * <p>RFC 3830 4.1.2: P(s, label, m) = HMAC(s, A_1 || label) || ... || HMAC(s, A_m || label), A_0 = label,
 * A_i = HMAC(s, A_(i-1)); the inkey is split into 256-bit blocks s_1..s_n, m = ceil(outkey_len / 160), and
 * PRF = P(s_1, label, m) XOR ... XOR P(s_n, label, m), truncated to outkey_len. RFC 6043 6.1 (Table 6.3):
 * PRF-HMAC-SHA-256 is the same with HMAC-SHA-256 and 256 instead of 160; the 256-bit inkey split is half the
 * SHA-1 and SHA-256 input block size alike, so it stays 256. No JDK or Bouncy Castle class implements this
 * TLS-1.0-like P-function with the XOR over inkey blocks, hence the few lines here on top of the JCA HMAC.
 */
public enum MikeyPrf {
    /** RFC 3830 6.1, Table 6.1.c. */
    MIKEY_1(0, "HmacSHA1", 20),
    /** RFC 6043 6.1, Table 6.3. */
    PRF_HMAC_SHA_256(1, "HmacSHA256", 32);

    /** RFC 3830 4.1.2: inkey blocks of 256 bits. */
    private static final int INKEY_BLOCK_OCTETS = 32;
    /** Bound on one derivation's output; MIKEY keys are at most a few hundred bits. */
    public static final int MAX_OUTKEY_OCTETS = 1024;

    private final int wireValue;
    private final String hmac;
    private final int hashOctets;

    MikeyPrf(int wireValue, String hmac, int hashOctets) {
        this.wireValue = wireValue;
        this.hmac = hmac;
        this.hashOctets = hashOctets;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The PRF with this 7-bit "PRF func" value, or null when unknown (the caller reports Invalid PRF). */
    public static MikeyPrf fromWire(int value) {
        for (MikeyPrf p : values()) {
            if (p.wireValue == value) {
                return p;
            }
        }
        return null;
    }

    /** PRF(inkey, label) truncated to {@code outOctets} octets (RFC 3830 4.1.2; whole octets only). */
    public SecretBytes derive(SecretBytes inkey, byte[] label, int outOctets) {
        Objects.requireNonNull(inkey, "inkey");
        Objects.requireNonNull(label, "label");
        if (outOctets < 1 || outOctets > MAX_OUTKEY_OCTETS) {
            throw new IllegalArgumentException("outOctets: " + outOctets + " (expected: 1.." + MAX_OUTKEY_OCTETS + ")");
        }
        byte[] key = inkey.toByteArray(InsecureSecretAccess.get());
        if (key.length == 0) {
            throw new IllegalArgumentException("inkey: 0 octets (expected: at least 1)");
        }
        int m = (outOctets + hashOctets - 1) / hashOctets;
        byte[] out = new byte[m * hashOctets];
        try {
            for (int from = 0; from < key.length; from += INKEY_BLOCK_OCTETS) {
                byte[] s = Arrays.copyOfRange(key, from, Math.min(key.length, from + INKEY_BLOCK_OCTETS));
                try {
                    xorP(s, label, m, out);
                } finally {
                    Arrays.fill(s, (byte) 0);
                }
            }
            return SecretBytes.copyOf(Arrays.copyOf(out, outOctets));
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(out, (byte) 0);
        }
    }

    /** out ^= P(s, label, m). */
    private void xorP(byte[] s, byte[] label, int m, byte[] out) {
        Mac mac = hmac(s);
        byte[] a = label;
        for (int i = 0; i < m; i++) {
            a = mac.doFinal(a);
            mac.update(a);
            mac.update(label);
            byte[] block = mac.doFinal();
            for (int j = 0; j < hashOctets; j++) {
                out[i * hashOctets + j] ^= block[j];
            }
            Arrays.fill(block, (byte) 0);
        }
    }

    private Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is mandatory in every JDK", e);
        }
    }
}
