package org.keygate.ims.mikey.ticket;

import java.util.Objects;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.Octets;

/**
 * A Ticket Protection Key (RFC 6043 Appendix A) and the identifier that the ticket's IDRpsk payload carries so
 * that the resolving party finds it. Mode 1: only the KMS holds it; mode 3: the initiator and the KMS.
 */
public record Tpk(Octets id, SecretBytes key) {
    public Tpk {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        if (id.length() == 0 || id.length() > 255) {
            throw new IllegalArgumentException("TPK id: " + id.length() + " octets (expected: 1..255)");
        }
        if (key.length() < 16) {
            throw new IllegalArgumentException("TPK: " + key.length() + " octets (expected: at least 16)");
        }
    }

    @Override
    public String toString() {
        return "Tpk[id " + id + ", " + key + "]";
    }
}
