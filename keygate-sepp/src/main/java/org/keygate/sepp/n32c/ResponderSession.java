package org.keygate.sepp.n32c;

import java.util.Optional;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.peer.AnnouncedN32f;

/**
 * The responder's handshake progress on one N32-c connection: the mechanism agreed by exchange-capability, then
 * the pair of context IDs agreed by the cipher-suite exchange, and the N32-f address the initiator announced. Later exchange-params on the connection must name
 * the same initiator context ID.
 */
final class ResponderSession {
    private final SecurityCapability capability;
    private final Optional<AnnouncedN32f> announced;
    private N32fContextId initiatorId;
    private N32fContextId localId;

    ResponderSession(SecurityCapability capability, Optional<AnnouncedN32f> announced) {
        this.capability = capability;
        this.announced = announced;
    }

    /** Where the initiator asked for N32-f messages in exchange-capability (TS 29.573 6.1.5.2.2); empty: nowhere. */
    Optional<AnnouncedN32f> announced() {
        return announced;
    }

    SecurityCapability capability() {
        return capability;
    }

    synchronized void bind(N32fContextId initiator, N32fContextId local) {
        this.initiatorId = initiator;
        this.localId = local;
    }

    /** This SEPP's context ID for the initiator's {@code initiator} ID, if the cipher suites were agreed. */
    synchronized Optional<N32fContextId> context(N32fContextId initiator) {
        return initiator.equals(initiatorId) ? Optional.of(localId) : Optional.empty();
    }
}
