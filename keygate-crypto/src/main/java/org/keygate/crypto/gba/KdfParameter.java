package org.keygate.crypto.gba;

import java.util.Objects;

/**
 * One input parameter Pi of the TS 33.220 B.2.0 KDF, already encoded as octets (the caller's clause says how: an
 * FQDN as UTF-8, a session ID as its octets, ...). Li is its length as two octets, so a parameter is at most
 * {@value #MAX_LENGTH} octets (TS 33.220 B.2.0: "Li is the two-octet representation of the length").
 */
public record KdfParameter(byte[] octets) {
    /** TS 33.220 B.2.0: Li is two octets. */
    public static final int MAX_LENGTH = 0xFFFF;

    public KdfParameter {
        Objects.requireNonNull(octets, "octets");
        if (octets.length > MAX_LENGTH) {
            throw new IllegalArgumentException("parameter length: " + octets.length + " (expected: <= " + MAX_LENGTH
                    + ", TS 33.220 B.2.0)");
        }
        octets = octets.clone();
    }

    public static KdfParameter of(byte[] octets) {
        return new KdfParameter(octets);
    }

    @Override
    public byte[] octets() {
        return octets.clone();
    }

    int length() {
        return octets.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KdfParameter p && java.util.Arrays.equals(octets, p.octets);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return "KdfParameter[" + octets.length + " octets]";
    }
}
