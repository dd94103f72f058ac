package org.keygate.ims.msrp;

import java.security.SecureRandom;

/**
 * Fresh transaction IDs and Message-IDs: 16 random base-32 characters (80 bits), inside RFC 4975 9's ident
 * (4 to 32 characters) and unguessable, as RFC 4975 14.5 asks so that a chunk cannot be spliced into another
 * message.
 */
public final class MsrpIdents {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 16;
    private final SecureRandom random = new SecureRandom();

    public String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
