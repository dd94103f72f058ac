package org.keygate.crypto.n32;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/**
 * The N32-f master key: 64 octets from the TLS exporter of the N32-c connection, label
 * {@value #EXPORTER_LABEL}, empty context (TS 33.501 13.2.4.4.1). Input to {@link N32Kdf} only; never printed.
 */
public final class N32MasterKey {
    /** The IANA-registered exporter label (TS 33.501 13.2.4.4.1). */
    public static final String EXPORTER_LABEL = "EXPORTER_3GPP_N32_MASTER";
    /** TS 33.501 13.2.4.4.1: "the Length shall be 64". */
    public static final int LENGTH = 64;

    private final SecretBytes key;

    private N32MasterKey(SecretBytes key) {
        this.key = key;
    }

    public static N32MasterKey of(SecretBytes key) {
        Objects.requireNonNull(key, "key");
        if (key.length() != LENGTH) {
            throw new IllegalArgumentException("N32 master key: " + key.length() + " octets (expected: " + LENGTH + ")");
        }
        return new N32MasterKey(key);
    }

    SecretBytes secret() {
        return key;
    }

    public String sha256Fingerprint() {
        return key.sha256Fingerprint();
    }

    @Override
    public String toString() {
        return "N32MasterKey[64 octets]";
    }
}
