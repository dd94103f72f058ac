package org.keygate.ims.mikey;

/** Range checks of the payload records' constructors: a value that does not fit its wire field is refused. */
final class Fields {
    private Fields() {}

    static int u8(String name, int v) {
        return range(name, v, 0xFF, "8 bits");
    }

    static int u7(String name, int v) {
        return range(name, v, 0x7F, "7 bits");
    }

    static int u16(String name, int v) {
        return range(name, v, 0xFFFF, "16 bits");
    }

    static long u32(String name, long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: 32 bits)");
        }
        return v;
    }

    static Octets len8(String name, Octets o) {
        range(name + " length", java.util.Objects.requireNonNull(o, name).length(), 0xFF, "8 bits");
        return o;
    }

    static Octets len16(String name, Octets o) {
        range(name + " length", java.util.Objects.requireNonNull(o, name).length(), 0xFFFF, "16 bits");
        return o;
    }

    private static int range(String name, int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: " + what + ", 0.." + max + ")");
        }
        return v;
    }
}
