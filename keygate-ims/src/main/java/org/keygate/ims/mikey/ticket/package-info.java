/**
 * The MIKEY-TICKET exchanges (RFC 6043 4.2) in keygate's profile for TCP media over TLS-PSK (TS 23.333 5.20,
 * TS 33.328): no I/O, bytes in and out.
 *
 * <p>Starting points. Initiator (the MRFC offering media): a ticket from the KMS with
 * {@link org.keygate.ims.mikey.ticket.PendingTicketRequest} or in mode 3 with
 * {@link org.keygate.ims.mikey.ticket.ModeThreeTickets}; then
 * {@link org.keygate.ims.mikey.ticket.TransferInitiator#start} gives the TRANSFER_INIT and
 * {@link org.keygate.ims.mikey.ticket.PendingTransfer#complete} checks the TRANSFER_RESP and returns the
 * {@link org.keygate.ims.mikey.ticket.EstablishedSession} whose TEK is the TLS PSK. Responder:
 * {@link org.keygate.ims.mikey.ticket.TransferResponder#receive}, a resolve through the KMS
 * ({@link org.keygate.ims.mikey.ticket.PendingTicketResolve}) or locally
 * ({@link org.keygate.ims.mikey.ticket.BaseTicket#resolve}), then
 * {@link org.keygate.ims.mikey.ticket.ReceivedTransferInit#respond}. The ticket format is the MIKEY base ticket of
 * RFC 6043 Appendix A ({@link org.keygate.ims.mikey.ticket.BaseTicket}); algorithms and sizes are in
 * {@link org.keygate.ims.mikey.ticket.TicketProfile}.
 */
package org.keygate.ims.mikey.ticket;
