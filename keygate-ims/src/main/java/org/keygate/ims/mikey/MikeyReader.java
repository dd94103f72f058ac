package org.keygate.ims.mikey;

/** Bounded big-endian reads over one octet array; running past the end is a typed MIKEY error, not an exception. */
final class MikeyReader {
    private final byte[] in;
    private final int end;
    private int pos;

    MikeyReader(byte[] in, int from, int end) {
        this.in = in;
        this.pos = from;
        this.end = end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    boolean atEnd() {
        return pos == end;
    }

    int u8(String field) throws MikeyException {
        need(1, field);
        return in[pos++] & 0xFF;
    }

    int u16(String field) throws MikeyException {
        need(2, field);
        int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String field) throws MikeyException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (in[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    long u64(String field) throws MikeyException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws MikeyException {
        need(n, field);
        byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    /** A reader over the next {@code n} octets, which this reader skips. */
    MikeyReader sub(int n, String field) throws MikeyException {
        need(n, field);
        MikeyReader r = new MikeyReader(in, pos, pos + n);
        pos += n;
        return r;
    }

    private void need(int n, String field) throws MikeyException {
        if (n < 0 || n > end - pos) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "truncated at " + field + " (offset " + pos
                    + ", " + n + " octets needed, " + (end - pos) + " left)");
        }
    }
}
