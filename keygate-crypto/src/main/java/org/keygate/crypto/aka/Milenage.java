package org.keygate.crypto.aka;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The MILENAGE algorithm set of TS 35.206 for one subscriber: the kernel E_K is AES-128 (TS 35.206 2.1, through the
 * JCA), the functions f1, f1*, f2, f3, f4, f5 and f5* are built around it with the constants of TS 35.206 4.1.
 * Written by hand because neither the JDK nor Bouncy Castle implements MILENAGE; checked against the test sets of
 * TS 35.207 / TS 35.208 in the tests.
 *
 * <p>Instances hold the subscriber's K and OPc and are safe for concurrent use. E_K is one AES cipher per instance,
 * keyed once and used under its lock: a cipher looked up and keyed per block cost the lab UDM more than half of its
 * CPU per authentication vector (the JCA's transformation parsing, provider lookup and AES key expansion, eight times
 * per AV; issue 10, docs/PERFORMANCE.md tenth round). TEMP is computed once per RAND for f2..f5.
 */
public final class Milenage {
    public static final int KEY_LENGTH = 16;
    public static final int RAND_LENGTH = 16;
    public static final int SQN_LENGTH = 6;
    public static final int AMF_LENGTH = 2;

    // TS 35.206 4.1: rotations r1..r5 in bits, constants c1..c5 (c_i has a single 1 bit in the last octet, or none).
    private static final int[] R = {64, 0, 32, 64, 96};
    private static final int[] C_LAST_OCTET = {0x00, 0x01, 0x02, 0x04, 0x08};

    private final SecretBytes opc;
    /** E_K: AES-128 keyed with K (TS 35.206 2.1); a Cipher is not thread-safe, so used under its own lock. */
    private final Cipher ek;

    private Milenage(SecretBytes k, SecretBytes opc) {
        this.opc = opc;
        this.ek = kernel(k);
    }

    /** A subscriber with key K and the operator variant OPc (both 16 octets). */
    public static Milenage withOpc(SecretBytes k, SecretBytes opc) {
        requireLength("K", k.length(), KEY_LENGTH);
        requireLength("OPc", opc.length(), KEY_LENGTH);
        return new Milenage(k, opc);
    }

    /** A subscriber with key K and the operator variant OP: OPc = OP xor E_K(OP) (TS 35.206 4.1). */
    public static Milenage withOp(SecretBytes k, SecretBytes op) {
        requireLength("K", k.length(), KEY_LENGTH);
        requireLength("OP", op.length(), KEY_LENGTH);
        byte[] o = op.toByteArray(InsecureSecretAccess.get());
        byte[] opc = xor(o, encrypt(kernel(k), o));
        Arrays.fill(o, (byte) 0);
        return new Milenage(k, SecretBytes.copyOf(opc));
    }

    /** OPc, for provisioning checks (TS 35.208 gives it in each test set). */
    public SecretBytes opc() {
        return opc;
    }

    /** f1: the network authentication code MAC-A (8 octets). */
    public byte[] f1(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), 0, 8);
    }

    /** f1*: the resynchronisation authentication code MAC-S (8 octets). */
    public byte[] f1Star(byte[] rand, byte[] sqn, byte[] amf) {
        return Arrays.copyOfRange(out1(rand, sqn, amf), 8, 16);
    }

    /** f2..f5 over one RAND: RES, CK, IK and AK. */
    public F2345 f2345(byte[] rand) {
        byte[] o = opc.toByteArray(InsecureSecretAccess.get());
        try {
            byte[] temp = temp(rand, o);
            byte[] out2 = out(temp, o, 2);
            byte[] ck = out(temp, o, 3);
            byte[] ik = out(temp, o, 4);
            return new F2345(Arrays.copyOfRange(out2, 8, 16), SecretBytes.copyOf(ck), SecretBytes.copyOf(ik),
                    Arrays.copyOfRange(out2, 0, 6));
        } finally {
            Arrays.fill(o, (byte) 0);
        }
    }

    /** f5*: the anonymity key AK used in resynchronisation (6 octets). */
    public byte[] f5Star(byte[] rand) {
        byte[] o = opc.toByteArray(InsecureSecretAccess.get());
        try {
            return Arrays.copyOfRange(out(temp(rand, o), o, 5), 0, 6);
        } finally {
            Arrays.fill(o, (byte) 0);
        }
    }

    /**
     * The outputs of f2..f5.
     *
     * @param res RES (f2, 8 octets), the expected response XRES on the network side.
     * @param ak the anonymity key (f5, 6 octets) that conceals SQN in AUTN.
     */
    public record F2345(byte[] res, SecretBytes ck, SecretBytes ik, byte[] ak) {
        @Override
        public String toString() {
            return "F2345[res, ck=" + ck + ", ik=" + ik + ", ak]";
        }
    }

    /** OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc with IN1 = SQN || AMF || SQN || AMF. */
    private byte[] out1(byte[] rand, byte[] sqn, byte[] amf) {
        requireLength("SQN", sqn.length, SQN_LENGTH);
        requireLength("AMF", amf.length, AMF_LENGTH);
        byte[] in1 = new byte[16];
        System.arraycopy(sqn, 0, in1, 0, 6);
        System.arraycopy(amf, 0, in1, 6, 2);
        System.arraycopy(sqn, 0, in1, 8, 6);
        System.arraycopy(amf, 0, in1, 14, 2);
        byte[] o = opc.toByteArray(InsecureSecretAccess.get());
        try {
            byte[] x = rotate(xor(in1, o), R[0]);
            x[15] ^= (byte) C_LAST_OCTET[0];
            return xor(aes(xor(temp(rand, o), x)), o);
        } finally {
            Arrays.fill(o, (byte) 0);
        }
    }

    /** OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc for i = 2..5. */
    private byte[] out(byte[] temp, byte[] o, int i) {
        byte[] x = rotate(xor(temp, o), R[i - 1]);
        x[15] ^= (byte) C_LAST_OCTET[i - 1];
        return xor(aes(x), o);
    }

    /** TEMP = E_K(RAND xor OPc). */
    private byte[] temp(byte[] rand, byte[] o) {
        requireLength("RAND", rand.length, RAND_LENGTH);
        return aes(xor(rand, o));
    }

    private byte[] aes(byte[] block) {
        synchronized (ek) {
            return encrypt(ek, block);
        }
    }

    /** AES/ECB over one block: the E_K kernel of TS 35.206 2.1. */
    private static Cipher kernel(SecretBytes key) {
        byte[] kb = key.toByteArray(InsecureSecretAccess.get());
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kb, "AES"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is unavailable", e);
        } finally {
            Arrays.fill(kb, (byte) 0);
        }
    }

    private static byte[] encrypt(Cipher ek, byte[] block) {
        try {
            return ek.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB refused a 16-octet block", e);
        }
    }

    /** Cyclic rotation of a 128-bit value towards the most significant bit by {@code bits} (a multiple of 8). */
    private static byte[] rotate(byte[] in, int bits) {
        int octets = bits / 8;
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            out[i] = in[(i + octets) % 16];
        }
        return out;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static void requireLength(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + ": " + actual + " octets (expected: " + expected + ")");
        }
    }

    @Override
    public String toString() {
        return "Milenage[K and OPc, " + KEY_LENGTH + " octets each]";
    }
}
