package org.keygate.ims.mikey;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/**
 * A key data sub-payload (RFC 3830 6.13, RFC 6043 6.2.1): key type, the key, its salt (exactly when the type is a
 * +SALT type), and its validity. Prints type, lengths and validity, never octets.
 */
public record KeyData(KeyDataType keyType, SecretBytes key, SecretBytes salt, KeyValidity validity) {
    public KeyData {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(validity, "validity");
        if (keyType.salted() != (salt != null)) {
            throw new IllegalArgumentException(keyType + (keyType.salted() ? " needs" : " has no") + " salt");
        }
        Fields.u16("Key data len", key.length());
        if (salt != null) {
            Fields.u16("Salt len", salt.length());
        }
    }

    public static KeyData withSpi(KeyDataType keyType, SecretBytes key, Octets spi) {
        return new KeyData(keyType, key, null, new KeyValidity.Spi(spi));
    }

    @Override
    public String toString() {
        return "KeyData[" + keyType + ", " + key + (salt == null ? "" : ", salt " + salt) + ", " + validity + "]";
    }
}
