package org.keygate.ims.mikey;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable octet string of a MIKEY field that is not secret (RAND, SPI, ID data, encrypted key data, MACs):
 * value equality, hex in {@link #toString()}. Key octets never go here; they are
 * {@link org.keygate.crypto.secret.SecretBytes}.
 */
public final class Octets {
    public static final Octets EMPTY = new Octets(new byte[0]);
    private final byte[] value;

    private Octets(byte[] value) {
        this.value = value;
    }

    public static Octets of(byte[] value) {
        return new Octets(Objects.requireNonNull(value, "value").clone());
    }

    public static Octets ofUtf8(String text) {
        return new Octets(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    public String utf8() {
        return new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** For the codec's writer only: no copy. */
    byte[] unsafeArray() {
        return value;
    }

    static Octets wrap(byte[] value) {
        return new Octets(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(value);
    }
}
