package org.keygate.ims.mikey.ticket;

import java.util.Objects;
import org.keygate.ims.mikey.Ticket;

/** A ticket and the keys it encodes, as the initiator holds them before the Ticket Transfer exchange. */
public record IssuedTicket(Ticket ticket, TransferKeys keys) {
    public IssuedTicket {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(keys, "keys");
    }
}
