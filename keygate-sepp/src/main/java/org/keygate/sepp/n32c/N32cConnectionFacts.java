package org.keygate.sepp.n32c;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.Supplier;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.sepp.peer.PeerSepp;

/**
 * What the protocol core needs to know about the N32-c connection a message came on, without touching the
 * connection: its identity, the partner its certificate proved, and a way to export the N32 master key from its
 * TLS session (TS 33.501 13.2.2.2 step 4) when, and only when, the cipher suites are agreed.
 */
public record N32cConnectionFacts(
        String connectionId, PeerSepp peer, X509Certificate peerCertificate, Supplier<N32MasterKey> masterKey) {

    public N32cConnectionFacts {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(peerCertificate, "peerCertificate");
        Objects.requireNonNull(masterKey, "masterKey");
    }

    @Override
    public String toString() {
        return "N32cConnection[" + connectionId + ", peer=" + peer.name() + "]";
    }
}
