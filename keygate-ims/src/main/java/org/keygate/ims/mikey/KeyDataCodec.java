package org.keygate.ims.mikey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/**
 * Key data sub-payloads (RFC 3830 6.13, 6.14; RFC 6043 6.2.1) inside a KEMAC: {@link #seal} encrypts them into a
 * KEMAC with the NULL MAC (RFC 6043 4.2.1.5, 4.2.3.5, 5.2: the V payload carries the MAC), {@link #open} decrypts
 * and parses. The plaintext octets are zeroed after use; errors name fields and offsets, never key octets.
 */
public final class KeyDataCodec {
    /** Key data sub-payloads per KEMAC: MPKi, MPKr and a few TEK/TGKs (RFC 6043 4.2.1.5). */
    public static final int MAX_KEY_DATA = 16;

    private KeyDataCodec() {}

    /**
     * The KEMAC for {@code keys}, encrypted with {@code encr} under {@code messageKeys}; {@code t} is the 64-bit
     * timestamp of the IV (RFC 3830 4.2.3, see {@link MikeyTime#ivValue}).
     */
    public static Kemac seal(List<KeyData> keys, MikeyEncrAlg encr, MikeyMessageKeys messageKeys, long csbId,
            long t) {
        if (keys.size() > MAX_KEY_DATA) {
            throw new IllegalArgumentException("key data: " + keys.size() + " (expected: at most " + MAX_KEY_DATA + ")");
        }
        byte[] plain = encode(keys);
        try {
            return new Kemac(encr, Octets.wrap(encr.apply(messageKeys, csbId, t, plain)), MikeyMacAlg.NULL,
                    Octets.EMPTY);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Decrypts and parses a KEMAC's key data. */
    public static List<KeyData> open(Kemac kemac, MikeyMessageKeys messageKeys, long csbId, long t)
            throws MikeyException {
        if (!kemac.encrAlg().supported()) {
            throw new MikeyException(ErrorNo.INVALID_EA, "KEMAC Encr alg " + kemac.encrAlg() + " not implemented");
        }
        byte[] plain = kemac.encrAlg().apply(messageKeys, csbId, t, kemac.encrData().toByteArray());
        try {
            return decode(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static byte[] encode(List<KeyData> keys) {
        MikeyWriter w = new MikeyWriter();
        for (int i = 0; i < keys.size(); i++) {
            KeyData k = keys.get(i);
            w.u8(i + 1 < keys.size() ? PayloadType.KEY_DATA.wireValue() : PayloadType.LAST.wireValue());
            w.u8((k.keyType().wireValue() << 4) | k.validity().wireValue());
            byte[] key = k.key().toByteArray(InsecureSecretAccess.get());
            w.u16(key.length).bytes(key);
            Arrays.fill(key, (byte) 0);
            if (k.salt() != null) {
                byte[] salt = k.salt().toByteArray(InsecureSecretAccess.get());
                w.u16(salt.length).bytes(salt);
                Arrays.fill(salt, (byte) 0);
            }
            switch (k.validity()) {
                case KeyValidity.Null n -> { }
                case KeyValidity.Spi s -> w.u8(s.spi().length()).octets(s.spi());
                case KeyValidity.Interval iv -> w.u8(iv.validFrom().length()).octets(iv.validFrom())
                        .u8(iv.validTo().length()).octets(iv.validTo());
            }
        }
        return w.toByteArray();
    }

    static List<KeyData> decode(byte[] plain) throws MikeyException {
        List<KeyData> keys = new ArrayList<>();
        MikeyReader r = new MikeyReader(plain, 0, plain.length);
        int next = PayloadType.KEY_DATA.wireValue();
        while (next != PayloadType.LAST.wireValue()) {
            if (next != PayloadType.KEY_DATA.wireValue()) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KEMAC: payload type " + next
                        + " among key data sub-payloads");
            }
            if (keys.size() == MAX_KEY_DATA) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KEMAC: more than " + MAX_KEY_DATA
                        + " key data sub-payloads");
            }
            next = r.u8("Key data next payload");
            int typeKv = r.u8("Key data Type/KV");
            KeyDataType type = KeyDataType.fromWire(typeKv >>> 4);
            if (type == null) {
                throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "Key data Type " + (typeKv >>> 4));
            }
            SecretBytes key = secret(r, r.u16("Key data len"), "Key data");
            SecretBytes salt = type.salted() ? secret(r, r.u16("Salt len"), "Salt data") : null;
            KeyValidity kv = switch (typeKv & 0x0F) {
                case 0 -> new KeyValidity.Null();
                case 1 -> new KeyValidity.Spi(Octets.wrap(r.bytes(r.u8("SPI Length"), "SPI")));
                case 2 -> new KeyValidity.Interval(Octets.wrap(r.bytes(r.u8("VF Length"), "Valid From")),
                        Octets.wrap(r.bytes(r.u8("VT Length"), "Valid To")));
                default -> throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "Key data KV " + (typeKv & 0x0F));
            };
            keys.add(new KeyData(type, key, salt, kv));
        }
        if (!r.atEnd()) {
            // Wrong keys decrypt to noise, which usually ends up here or in a bad length above.
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "KEMAC: " + r.remaining()
                    + " octets after the last key data sub-payload");
        }
        return keys;
    }

    private static SecretBytes secret(MikeyReader r, int n, String field) throws MikeyException {
        byte[] b = r.bytes(n, field);
        try {
            return SecretBytes.copyOf(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }
}
