package org.keygate.capif.ccf;

import java.util.Objects;
import org.keygate.crypto.capif.TlsSessionId;
import org.keygate.crypto.secret.SecretBytes;

/**
 * What AEFPSK is derived from (TS 33.122 A.1, DESIGN.md): a CAPIF-1e TLS 1.2 session's (extended) master secret
 * and its 32-octet session ID. Held by the CCF only until AEFPSK is derived, then destroyed.
 */
public record Capif1eSession(SecretBytes masterSecret, TlsSessionId sessionId) {
    public Capif1eSession {
        Objects.requireNonNull(masterSecret, "masterSecret");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    @Override
    public String toString() {
        return "Capif1eSession[" + sessionId + "]";
    }
}
