package org.keygate.ims.mikey;

import java.util.Objects;

/**
 * Ticket payload TICKET (RFC 6043 6.10): the granted Ticket Policy, the Ticket Data (opaque here; its format
 * depends on the Ticket Type, e.g. the MIKEY base ticket of Appendix A) and the Initiator Data (present only with
 * key forking, I flag).
 */
public record Ticket(TicketPolicy policy, Octets ticketData, Octets initiatorData) implements Payload {
    public Ticket {
        Objects.requireNonNull(policy, "policy");
        Fields.len16("Ticket Data", ticketData);
        Fields.len16("Initiator Data", initiatorData);
    }

    @Override
    public PayloadType type() {
        return PayloadType.TICKET;
    }
}
