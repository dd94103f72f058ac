package org.keygate.ims.msrp;

import java.util.Objects;

/**
 * One participant of a chat conference as the SDP exchange set it up: the URI the relay gave it ({@code a=path}
 * of the relay's answer or offer) and the participant's own URI (its {@code a=path}).
 */
public record ChatParticipant(String id, MsrpUri relayUri, MsrpUri participantUri) {
    public ChatParticipant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(relayUri, "relayUri");
        Objects.requireNonNull(participantUri, "participantUri");
    }
}
