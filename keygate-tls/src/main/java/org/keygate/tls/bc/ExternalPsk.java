package org.keygate.tls.bc;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;

/**
 * A pre-shared key and its identity, as a TLS client offers it: RFC 4279 2 (TLS 1.2 PSK suites, identity in the
 * ClientKeyExchange) and RFC 8446 4.2.11 (TLS 1.3 external PSK). The identity is UTF-8 on the wire (RFC 4279 5.1);
 * 3GPP uses it for the API invoker ID (TS 33.122 6.5.2.1) and the MIKEY-TICKET-derived identity (TS 33.328).
 * Prints the identity and the key's length, never the key.
 */
public record ExternalPsk(String identity, SecretBytes key) {
    /** RFC 4279 5.3 / RFC 8446 4.2.11: identities are 1 to 2^16-1 octets. */
    public static final int MAX_IDENTITY_OCTETS = 65535;

    public ExternalPsk {
        checkIdentity(identity);
        Objects.requireNonNull(key, "key");
        if (key.length() == 0) {
            throw new IllegalArgumentException("key: 0 octets (expected: a non-empty pre-shared key)");
        }
    }

    static String checkIdentity(String identity) {
        Objects.requireNonNull(identity, "identity");
        int octets = identity.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (octets == 0 || octets > MAX_IDENTITY_OCTETS) {
            throw new IllegalArgumentException("identity: " + octets + " octets (expected: 1 to " + MAX_IDENTITY_OCTETS
                    + ", RFC 4279 5.3)");
        }
        return identity;
    }

    @Override
    public String toString() {
        return "ExternalPsk[identity=" + identity + ", key=" + key + "]";
    }
}
