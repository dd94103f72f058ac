package org.keygate.capif.ccf;

import java.util.Optional;
import org.keygate.sbi.server.SbiConnection;

/**
 * Reads the CAPIF-1e session secrets of a connection, when its TLS engine can give them (TLS 1.2 with a 32-octet
 * session ID and extended master secret on the Bouncy Castle handler). Empty means PSK cannot be offered on it.
 * The result is a copy the caller owns.
 */
@FunctionalInterface
public interface Capif1eSecrets {
    /** For a TLS engine that cannot give its secrets (the JDK's): PSK is never offered. */
    Capif1eSecrets NONE = connection -> Optional.empty();

    Optional<Capif1eSession> of(SbiConnection connection);
}
