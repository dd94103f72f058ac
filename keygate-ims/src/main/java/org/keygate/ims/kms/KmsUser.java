package org.keygate.ims.kms;

import java.util.Objects;
import java.util.Set;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;

/**
 * A user of the KMS (an MRFC, a UE): its MIKEY identity (the IDRi or IDRr URI), the pre-shared key and identifier
 * that MAC its REQUEST_INIT_PSK and RESOLVE_INIT_PSK, and the names its TLS client certificate may carry (SAN
 * dNSName or URI). A request is served only when both the MAC and the TLS certificate speak for the same user.
 */
public record KmsUser(String identity, Octets pskId, SecretBytes psk, Set<String> tlsNames) {
    public KmsUser {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(pskId, "pskId");
        Objects.requireNonNull(psk, "psk");
        tlsNames = Set.copyOf(tlsNames);
        if (tlsNames.isEmpty()) {
            throw new IllegalArgumentException("tlsNames: none (expected: the SAN names of the user's certificate)");
        }
    }

    @Override
    public String toString() {
        return "KmsUser[" + identity + ", psk id " + pskId + ", " + psk + ", tls " + tlsNames + "]";
    }
}
