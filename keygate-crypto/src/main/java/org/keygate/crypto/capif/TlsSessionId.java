package org.keygate.crypto.capif;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The CAPIF-1e TLS 1.2 session ID (RFC 5246 7.4.1.3), P1 of the AEFPSK derivation. DESIGN.md: the CCF issues a
 * 32-octet random session ID; an empty one (which RFC 5246 allows a server to send) is never accepted here, since
 * it would bind the key to nothing.
 */
public record TlsSessionId(byte[] octets) {
    /** RFC 5246 7.4.1.2: a session ID is at most 32 octets; DESIGN.md requires exactly 32. */
    public static final int LENGTH = 32;

    public TlsSessionId {
        Objects.requireNonNull(octets, "octets");
        if (octets.length != LENGTH) {
            throw new IllegalArgumentException("TLS session ID: " + octets.length + " octets (expected: " + LENGTH
                    + ", DESIGN.md CAPIF decisions)");
        }
        octets = octets.clone();
    }

    public static TlsSessionId fromHex(String hex) {
        return new TlsSessionId(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] octets() {
        return octets.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(octets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsSessionId t && Arrays.equals(octets, t.octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }

    @Override
    public String toString() {
        return "TlsSessionId[" + hex() + "]";
    }
}
