package org.keygate.sepp.n32c;

import java.util.Optional;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.n32.n32c.model.SecurityCapability;

/**
 * The responder's handshake progress on one N32-c connection: the mechanism agreed by exchange-capability, then
 * the pair of context IDs agreed by the cipher-suite exchange. Later exchange-params on the connection must name
 * the same initiator context ID.
 */
final class ResponderSession {
    private final SecurityCapability capability;
    private N32fContextId initiatorId;
    private N32fContextId localId;

    ResponderSession(SecurityCapability capability) {
        this.capability = capability;
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
