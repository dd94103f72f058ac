package org.keygate.labnf;

import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import org.keygate.crypto.secret.SecretBytes;

/**
 * One subscriber of the lab's home network: SUPI ({@code imsi-<MCC><MNC><MSIN>}), MILENAGE K and OPc (TS 35.206),
 * the AMF written into AUTN (separation bit set, TS 33.501 6.1.3.2) and the first SQN the UDM uses.
 */
public record LabSubscriber(String supi, SecretBytes k, SecretBytes opc, byte[] amf, long firstSqn) {
    /** TS 23.003 2.2 / TS 29.571 Supi: an IMSI SUPI. */
    private static final Pattern IMSI_SUPI = Pattern.compile("^imsi-[0-9]{6,15}$");
    /** TS 33.102 C.1: SQN is 48 bits. */
    public static final long MAX_SQN = (1L << 48) - 1;

    public LabSubscriber {
        Objects.requireNonNull(supi, "supi");
        if (!IMSI_SUPI.matcher(supi).matches()) {
            throw new IllegalArgumentException("supi: " + supi + " (expected: imsi-<6 to 15 digits>)");
        }
        if (k.length() != 16 || opc.length() != 16) {
            throw new IllegalArgumentException("K and OPc of " + supi + ": expected 16 octets each");
        }
        amf = amf.clone();
        if (amf.length != 2 || (amf[0] & 0x80) == 0) {
            throw new IllegalArgumentException("amf of " + supi + ": " + HexFormat.of().formatHex(amf)
                    + " (expected: 2 octets with the separation bit set, e.g. 8000)");
        }
        if (firstSqn < 0 || firstSqn > MAX_SQN) {
            throw new IllegalArgumentException("firstSqn of " + supi + ": " + firstSqn + " (expected: 0..2^48-1)");
        }
    }

    /** From hex text as in configuration files. */
    public static LabSubscriber of(String supi, String kHex, String opcHex, String amfHex, long firstSqn) {
        HexFormat hex = HexFormat.of();
        return new LabSubscriber(supi, SecretBytes.copyOf(hex.parseHex(kHex)), SecretBytes.copyOf(hex.parseHex(opcHex)),
                hex.parseHex(amfHex), firstSqn);
    }

    @Override
    public byte[] amf() {
        return amf.clone();
    }

    @Override
    public String toString() {
        return "LabSubscriber[" + supi + "]";
    }
}
