package org.keygate.crypto.n32;

import java.util.Optional;

/** The JWE "enc" algorithms of the TS 33.210 JOSE profile that N32-f uses, with their key lengths. */
public enum JweEnc {
    /** TS 33.210: shall be supported. */
    A128GCM("A128GCM", 16),
    /** TS 33.210: should be supported. */
    A256GCM("A256GCM", 32);

    private final String joseName;
    private final int keyLength;

    JweEnc(String joseName, int keyLength) {
        this.joseName = joseName;
        this.keyLength = keyLength;
    }

    public String joseName() {
        return joseName;
    }

    public int keyLength() {
        return keyLength;
    }

    public static Optional<JweEnc> fromJoseName(String name) {
        for (JweEnc e : values()) {
            if (e.joseName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
