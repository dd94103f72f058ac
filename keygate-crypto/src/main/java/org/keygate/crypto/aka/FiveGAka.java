package org.keygate.crypto.aka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import org.keygate.crypto.gba.KdfParameter;
import org.keygate.crypto.gba.Ts33220Kdf;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The 5G AKA derivations of TS 33.501 Annex A, and the 5G home environment authentication vector of TS 33.501
 * 6.1.3.2 built from MILENAGE.
 *
 * <p>The serving network name is used as given (TS 33.501 6.1.1.4: {@code 5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org}),
 * UTF-8 encoded; the AUSF and UDM compare it byte for byte.
 */
public final class FiveGAka {
    /** TS 33.501 A.2: FC for KAUSF. */
    public static final int FC_KAUSF = 0x6A;
    /** TS 33.501 A.4: FC for RES* and XRES*. */
    public static final int FC_RES_STAR = 0x6B;
    /** TS 33.501 A.6: FC for KSEAF. */
    public static final int FC_KSEAF = 0x6C;
    /** TS 33.501 A.4 / A.5: RES*, XRES* and HXRES* are the 128 least significant bits. */
    public static final int RES_STAR_LENGTH = 16;

    private FiveGAka() {}

    /** TS 33.501 A.2: KAUSF = KDF(CK || IK, 0x6A, SN name, SQN xor AK). */
    public static SecretBytes kausf(SecretBytes ck, SecretBytes ik, String servingNetworkName, byte[] sqnXorAk) {
        return kdf(concat(ck, ik), FC_KAUSF, snn(servingNetworkName), sqnXorAk);
    }

    /** TS 33.501 A.4: (X)RES* = the 128 least significant bits of KDF(CK || IK, 0x6B, SN name, RAND, (X)RES). */
    public static byte[] resStar(SecretBytes ck, SecretBytes ik, String servingNetworkName, byte[] rand, byte[] res) {
        SecretBytes full = kdf(concat(ck, ik), FC_RES_STAR, snn(servingNetworkName), rand, res);
        byte[] all = full.toByteArray(InsecureSecretAccess.get());
        full.destroy();
        return Arrays.copyOfRange(all, all.length - RES_STAR_LENGTH, all.length);
    }

    /** TS 33.501 A.5: HXRES* = the 128 least significant bits of SHA-256(RAND || XRES*). */
    public static byte[] hxresStar(byte[] rand, byte[] resStar) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(rand);
            byte[] d = sha.digest(resStar);
            return Arrays.copyOfRange(d, d.length - RES_STAR_LENGTH, d.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /** TS 33.501 A.6: KSEAF = KDF(KAUSF, 0x6C, SN name). */
    public static SecretBytes kseaf(SecretBytes kausf, String servingNetworkName) {
        return kdf(kausf, FC_KSEAF, snn(servingNetworkName));
    }

    /**
     * TS 33.501 6.1.3.2 step 2: the 5G HE AV (RAND, AUTN, XRES*, KAUSF) for {@code sqn} and {@code amf}, with
     * AUTN = SQN xor AK || AMF || MAC (TS 33.102 6.3.2). The AMF separation bit must be 1 (TS 33.501 6.1.3.2,
     * TS 33.102 Annex H).
     */
    public static HeAv heAv(Milenage subscriber, byte[] rand, byte[] sqn, byte[] amf, String servingNetworkName) {
        Objects.requireNonNull(servingNetworkName, "servingNetworkName");
        if (amf.length != Milenage.AMF_LENGTH || (amf[0] & 0x80) == 0) {
            throw new IllegalArgumentException("AMF: the separation bit is 0 (expected: 1 for 5G, TS 33.501 6.1.3.2)");
        }
        byte[] mac = subscriber.f1(rand, sqn, amf);
        Milenage.F2345 f = subscriber.f2345(rand);
        byte[] sqnXorAk = Milenage.xor(sqn, f.ak());
        byte[] autn = new byte[16];
        System.arraycopy(sqnXorAk, 0, autn, 0, 6);
        System.arraycopy(amf, 0, autn, 6, 2);
        System.arraycopy(mac, 0, autn, 8, 8);
        byte[] xresStar = resStar(f.ck(), f.ik(), servingNetworkName, rand, f.res());
        SecretBytes kausf = kausf(f.ck(), f.ik(), servingNetworkName, sqnXorAk);
        f.ck().destroy();
        f.ik().destroy();
        return new HeAv(rand.clone(), autn, xresStar, kausf);
    }

    /** The 5G home environment authentication vector (TS 33.501 6.1.3.2). */
    public record HeAv(byte[] rand, byte[] autn, byte[] xresStar, SecretBytes kausf) {
        @Override
        public String toString() {
            return "HeAv[rand, autn, xresStar, kausf=" + kausf + "]";
        }
    }

    private static byte[] snn(String servingNetworkName) {
        return servingNetworkName.getBytes(StandardCharsets.UTF_8);
    }

    private static SecretBytes concat(SecretBytes ck, SecretBytes ik) {
        byte[] c = ck.toByteArray(InsecureSecretAccess.get());
        byte[] i = ik.toByteArray(InsecureSecretAccess.get());
        byte[] key = new byte[c.length + i.length];
        System.arraycopy(c, 0, key, 0, c.length);
        System.arraycopy(i, 0, key, c.length, i.length);
        Arrays.fill(c, (byte) 0);
        Arrays.fill(i, (byte) 0);
        SecretBytes out = SecretBytes.copyOf(key);
        Arrays.fill(key, (byte) 0);
        return out;
    }

    /** TS 33.501 Annex A.2, A.4, A.6: the TS 33.220 KDF over the parameters in order. */
    private static SecretBytes kdf(SecretBytes key, int fc, byte[]... p) {
        return Ts33220Kdf.derive(key, fc, Arrays.stream(p).map(KdfParameter::of).toList());
    }
}
