package org.keygate.crypto.n32;

import org.keygate.crypto.secret.SecretBytes;

/** An 8-octet IV salt, the fixed half of the N32-f AES-GCM nonce (TS 33.501 13.2.4.4.1). */
public record IvSalt(SecretBytes salt) {
    public static final int LENGTH = 8;

    public IvSalt {
        if (salt.length() != LENGTH) {
            throw new IllegalArgumentException("IV salt: " + salt.length() + " octets (expected: 8)");
        }
    }

    @Override
    public String toString() {
        return "IvSalt[8 octets]";
    }
}
