package org.keygate.ims.mikey;

import java.io.ByteArrayOutputStream;

/** Big-endian writes; records the spans that the MAC coverage rules of RFC 6043 5.5 need. */
final class MikeyWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    int initiatorDataStart = -1;
    int initiatorDataEnd = -1;
    int lastMacStart = -1;

    int position() {
        return out.size();
    }

    MikeyWriter u8(int v) {
        out.write(v);
        return this;
    }

    MikeyWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    MikeyWriter u32(long v) {
        u16((int) (v >>> 16));
        return u16((int) v);
    }

    MikeyWriter u64(long v) {
        u32(v >>> 32);
        return u32(v & 0xFFFFFFFFL);
    }

    MikeyWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    MikeyWriter octets(Octets o) {
        return bytes(o.unsafeArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
