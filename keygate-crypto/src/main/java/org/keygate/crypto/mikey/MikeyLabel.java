package org.keygate.crypto.mikey;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * A key-derivation label without its leading constant: the part that says which message, crypto session and
 * RANDs a key belongs to. {@link #with(MikeyKeyConstant)} gives the PRF's label. Factories cite their clause;
 * RANDs enter as their length and value fields only (RFC 6043 5.1, A.2), never as whole payloads.
 */
public final class MikeyLabel {
    private final byte[] suffix;

    private MikeyLabel(byte[] suffix) {
        this.suffix = suffix;
    }

    public byte[] suffix() {
        return suffix.clone();
    }

    public byte[] with(MikeyKeyConstant constant) {
        byte[] label = new byte[4 + suffix.length];
        putInt(label, 0, constant.value());
        System.arraycopy(suffix, 0, label, 4, suffix.length);
        return label;
    }

    /** RFC 3830 4.1.3: cs_id || csb_id || RAND (keys from a TGK, RFC 3830 modes). */
    public static MikeyLabel rfc3830Tgk(int csId, long csbId, byte[] rand) {
        Builder b = new Builder().u8(csId).u32(csbId);
        return b.raw(rand).build();
    }

    /** RFC 3830 4.1.4: 0xFF || csb_id || RAND (message keys from an envelope key or PSK, RFC 3830 modes). */
    public static MikeyLabel rfc3830Message(long csbId, byte[] rand) {
        return new Builder().u8(0xFF).u32(csbId).raw(rand).build();
    }

    /**
     * RFC 6043 5.1.2: 0xFF || CSB ID || 0x01 (initial) or 0x02 (response) || length RANDRi || [RANDRi] ||
     * length RANDRr || [RANDRr]; a null RAND is omitted with length 0.
     */
    public static MikeyLabel ticketMessage(long csbId, boolean response, byte[] randRi, byte[] randRr) {
        return new Builder().u8(0xFF).u32(csbId).u8(response ? 0x02 : 0x01).rand(randRi).rand(randRr).build();
    }

    /**
     * RFC 6043 5.1.3: CS ID || 0xFFFFFFFF || 0x03 || length RANDRi || [RANDRi] || length RANDRr || [RANDRr]
     * (RANDRi only under the H flag, RANDRr only under G; null means omitted).
     */
    public static MikeyLabel ticketTgk(int csId, byte[] randRi, byte[] randRr) {
        if (randRi == null && randRr == null) {
            throw new IllegalArgumentException("RFC 6043 5.1.3: at least one of RANDRi and RANDRr MUST be used");
        }
        return new Builder().u8(csId).u32(0xFFFFFFFFL).u8(0x03).rand(randRi).rand(randRr).build();
    }

    /** RFC 6043 5.1.1: 0xFF || 0xFFFFFFFF || 0x00 || length ID Data (16 bits) || ID Data || length RANDRkms || RANDRkms. */
    public static MikeyLabel forking(byte[] idData, byte[] randRkms) {
        Objects.requireNonNull(idData, "idData");
        Objects.requireNonNull(randRkms, "randRkms");
        if (idData.length > 0xFFFF) {
            throw new IllegalArgumentException("idData: " + idData.length + " octets (expected: at most 65535)");
        }
        return new Builder().u8(0xFF).u32(0xFFFFFFFFL).u8(0x00).u16(idData.length).raw(idData).rand(randRkms).build();
    }

    /** RFC 6043 6.10: 0xFF || 0xFFFFFFFF || 0x04 (auth_key of the Vr payload in Initiator Data, from MPKr). */
    public static MikeyLabel initiatorData() {
        return new Builder().u8(0xFF).u32(0xFFFFFFFFL).u8(0x04).build();
    }

    /** RFC 6043 A.2.1: 0xFF || 0xFFFFFFFF || 0x05 || length RAND || RAND (keys from the TPK). */
    public static MikeyLabel ticketProtection(byte[] rand) {
        Objects.requireNonNull(rand, "rand");
        return new Builder().u8(0xFF).u32(0xFFFFFFFFL).u8(0x05).rand(rand).build();
    }

    /** RFC 6043 A.2.2: 0xFF || 0xFFFFFFFF || 0x06 || length RAND || RAND (MPKi and MPKr from the MPK). */
    public static MikeyLabel mpk(byte[] rand) {
        Objects.requireNonNull(rand, "rand");
        return new Builder().u8(0xFF).u32(0xFFFFFFFFL).u8(0x06).rand(rand).build();
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder u8(int v) {
            if (v < 0 || v > 0xFF) {
                throw new IllegalArgumentException("8-bit field: " + v + " (expected: 0..255)");
            }
            out.write(v);
            return this;
        }

        Builder u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Builder u32(long v) {
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("32-bit field: " + v + " (expected: 0..2^32-1)");
            }
            u16((int) (v >>> 16));
            return u16((int) (v & 0xFFFF));
        }

        Builder raw(byte[] b) {
            out.writeBytes(Objects.requireNonNull(b, "value"));
            return this;
        }

        /** 8-bit length and the RAND; null is an omitted RAND (length 0). */
        Builder rand(byte[] rand) {
            if (rand == null) {
                return u8(0);
            }
            if (rand.length > 0xFF) {
                throw new IllegalArgumentException("RAND: " + rand.length + " octets (expected: at most 255)");
            }
            return u8(rand.length).raw(rand);
        }

        MikeyLabel build() {
            return new MikeyLabel(out.toByteArray());
        }
    }
}
