package org.keygate.capif.ccf;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * IDs the CCF assigns: a prefix naming the kind and 16 random octets in hex, unguessable so that knowing one ID
 * says nothing of another (TS 29.222 leaves the format to the CCF).
 */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String next(String prefix) {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }
}
