package org.keygate.crypto.n32;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/** An N32-f JWE content-encryption key ("dir") with its algorithm; prints only the algorithm. */
public record JweKey(JweEnc enc, SecretBytes key) {
    public JweKey {
        Objects.requireNonNull(enc, "enc");
        if (key.length() != enc.keyLength()) {
            throw new IllegalArgumentException(enc.joseName() + " key: " + key.length() + " octets (expected: "
                    + enc.keyLength() + ")");
        }
    }

    @Override
    public String toString() {
        return "JweKey[" + enc.joseName() + "]";
    }
}
