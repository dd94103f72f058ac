package org.keygate.sepp.context;

import java.time.Instant;
import java.util.Optional;
import org.keygate.sepp.peer.PeerSepp;

/**
 * TLS-mode agreements that other instances of this SEPP made (a SEPP run as several instances, docs/CLUSTER.md): a
 * TLS-mode agreement holds no key at the SEPP (TS 33.501 13.1.1.2: N32-f is protected by its own TLS connection), so
 * every instance may honour one made by another, and a partner's TLS-mode N32-f connection may land on any of them.
 */
public interface SharedTlsAgreements {
    /** A SEPP that runs alone shares nothing. */
    SharedTlsAgreements NONE = new SharedTlsAgreements() {
        @Override
        public Optional<N32fContext> live(PeerSepp peer, Instant now) {
            return Optional.empty();
        }

        @Override
        public void endAll(String peerName) {
        }
    };

    /**
     * The newest unexpired TLS-mode agreement with {@code peer} that any instance published, as a context value (no
     * context ID, no key; the partner's N32-c certificate's PLMN IDs recorded), or empty.
     */
    Optional<N32fContext> live(PeerSepp peer, Instant now);

    /**
     * The agreement with {@code peerName} ends at every instance (the partner offered only NONE, or it was evicted):
     * every instance's TLS-mode agreement with it is withdrawn, and each owner ends its own.
     */
    void endAll(String peerName);
}
