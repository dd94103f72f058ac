package org.keygate.ims.mrfc;

import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.ticket.TransferKeys;

/**
 * How the MRFC, as responder, resolves a ticket (TS 23.333 5.20.2: "interacts with the KMS to resolve the ticket and
 * receive keys"). Called on a SIP stack thread; may block for a bounded time.
 */
@FunctionalInterface
public interface TicketResolver {
    TransferKeys resolve(Ticket ticket) throws MikeyException;
}
