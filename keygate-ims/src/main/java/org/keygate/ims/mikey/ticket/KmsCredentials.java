package org.keygate.ims.mikey.ticket;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;

/**
 * A KMS user's MIKEY credentials (RFC 6043 4.2.1.2, 4.2.3.2): its identity (IDRi or IDRr), the KMS's identity
 * (IDRkms), and the pre-shared key with its identifier (IDRpsk) that MACs REQUEST_INIT_PSK and RESOLVE_INIT_PSK.
 */
public record KmsCredentials(String identity, String kmsIdentity, Octets pskId, SecretBytes psk) {
    public KmsCredentials {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kmsIdentity, "kmsIdentity");
        Objects.requireNonNull(pskId, "pskId");
        Objects.requireNonNull(psk, "psk");
        if (psk.length() < 16) {
            throw new IllegalArgumentException("psk: " + psk.length() + " octets (expected: at least 16)");
        }
    }

    @Override
    public String toString() {
        return "KmsCredentials[" + identity + " at " + kmsIdentity + ", psk id " + pskId + ", " + psk + "]";
    }
}
