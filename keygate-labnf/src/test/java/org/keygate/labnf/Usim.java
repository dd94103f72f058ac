package org.keygate.labnf;

import java.util.Arrays;
import java.util.HexFormat;
import org.keygate.crypto.aka.FiveGAka;
import org.keygate.crypto.aka.Milenage;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The UE side of 5G AKA for tests (TS 33.102 6.3.3, TS 33.501 6.1.3.2 steps 6-8): checks AUTN's MAC with the same
 * MILENAGE that the TS 35.207 vectors pin down, and derives RES*, KAUSF and KSEAF as the ME does.
 */
final class Usim {
    private static final HexFormat HEX = HexFormat.of();
    private final Milenage milenage;

    Usim(String kHex, String opcHex) {
        this.milenage = Milenage.withOpc(SecretBytes.copyOf(HEX.parseHex(kHex)), SecretBytes.copyOf(HEX.parseHex(opcHex)));
    }

    record Answer(long sqn, byte[] resStar, SecretBytes kausf) {}

    /** Authenticates the network; throws if AUTN's MAC does not verify. */
    Answer answer(byte[] rand, byte[] autn, String snn) {
        Milenage.F2345 f = milenage.f2345(rand);
        byte[] sqn = new byte[6];
        for (int i = 0; i < 6; i++) {
            sqn[i] = (byte) (autn[i] ^ f.ak()[i]);
        }
        byte[] amf = Arrays.copyOfRange(autn, 6, 8);
        if (!Arrays.equals(milenage.f1(rand, sqn, amf), Arrays.copyOfRange(autn, 8, 16))) {
            throw new IllegalStateException("MAC failure");
        }
        long s = 0;
        for (byte b : sqn) {
            s = (s << 8) | (b & 0xFF);
        }
        return new Answer(s, FiveGAka.resStar(f.ck(), f.ik(), snn, rand, f.res()),
                FiveGAka.kausf(f.ck(), f.ik(), snn, Arrays.copyOfRange(autn, 0, 6)));
    }

    /** TS 33.102 6.3.5: AUTS = SQN_MS xor f5*(RAND) || f1*(SQN_MS, RAND, AMF 0000). */
    byte[] auts(byte[] rand, long sqnMs) {
        byte[] sqn = UdmUeauHandler.sqnOctets(sqnMs);
        byte[] ak = milenage.f5Star(rand);
        byte[] out = new byte[14];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) (sqn[i] ^ ak[i]);
        }
        System.arraycopy(milenage.f1Star(rand, sqn, new byte[2]), 0, out, 6, 8);
        return out;
    }
}
