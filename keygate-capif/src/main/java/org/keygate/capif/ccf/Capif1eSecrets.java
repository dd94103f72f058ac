package org.keygate.capif.ccf;

import java.util.Optional;
import org.keygate.crypto.capif.TlsSessionId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.tls.bc.TlsVersion;

/**
 * Reads the CAPIF-1e session secrets of a connection, when its TLS engine can give them (TLS 1.2 with a 32-octet
 * session ID and extended master secret on the Bouncy Castle handler). Empty means PSK cannot be offered on it.
 * The result is a copy the caller owns.
 */
@FunctionalInterface
public interface Capif1eSecrets {
    /** For a TLS engine that cannot give its secrets (the JDK's): PSK is never offered. */
    Capif1eSecrets NONE = connection -> Optional.empty();

    /**
     * From the BC TLS handler's session: only TLS 1.2 with extended master secret (RFC 7627) and a 32-octet session
     * ID qualifies (DESIGN.md); anything else, PSK is not offered.
     */
    Capif1eSecrets BC_SESSION = connection -> {
        Optional<BcTlsSession> bc = connection.bcTlsSession();
        if (bc.isEmpty()) {
            return Optional.empty();
        }
        BcTlsSession s = bc.get();
        if (s.version() != TlsVersion.TLS_1_2 || !s.extendedMasterSecret()
                || s.sessionId().length != TlsSessionId.LENGTH || s.masterSecret().isEmpty()
                || s.masterSecret().get().isDestroyed()) {
            return Optional.empty();
        }
        byte[] ms = s.masterSecret().get().toByteArray(InsecureSecretAccess.get());
        try {
            return Optional.of(new Capif1eSession(SecretBytes.copyOf(ms), new TlsSessionId(s.sessionId())));
        } finally {
            java.util.Arrays.fill(ms, (byte) 0);
        }
    };

    Optional<Capif1eSession> of(SbiConnection connection);
}
