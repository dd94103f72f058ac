package org.keygate.ims.mikey.ticket;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import org.keygate.ims.mikey.CryptoSession;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.Ticket;

/**
 * The responder of the Ticket Transfer exchange. {@link #receive} decodes a TRANSFER_INIT and does the early
 * checks of RFC 6043 4.2.2.2 before any KMS is asked: ticket type and policy acceptable, valid now, this
 * responder among the authorized IDRr, the IDRi the one the policy names, a single TLS crypto session, a fresh
 * timestamp. The {@link ReceivedTransferInit} then carries the ticket to resolve (through the KMS,
 * {@link PendingTicketResolve}, or locally with {@link BaseTicket#resolve}) and answers once resolved.
 */
public final class TransferResponder {
    private final String identity;
    private final ProtType tlsProtType;
    private final MikeyReplayCache replayCache;
    private final Clock clock;
    private final SecureRandom random;

    public TransferResponder(String identity, MikeyReplayCache replayCache, Clock clock, SecureRandom random) {
        this(identity, TicketProfile.CS_PROT_TYPE, replayCache, clock, random);
    }

    /** @param tlsProtType the Prot type this responder takes for the TLS crypto session (see {@link ProtType#TLS}) */
    public TransferResponder(String identity, ProtType tlsProtType, MikeyReplayCache replayCache, Clock clock,
            SecureRandom random) {
        this.tlsProtType = Objects.requireNonNull(tlsProtType, "tlsProtType");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.replayCache = Objects.requireNonNull(replayCache, "replayCache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public ReceivedTransferInit receive(byte[] transferInit) throws MikeyException {
        MikeyMessage m = MikeyCodec.decode(transferInit);
        if (m.dataType() != DataType.TRANSFER_INIT) {
            throw new MikeyException(ErrorNo.INVALID_DT, m.dataType() + " instead of TRANSFER_INIT");
        }
        Ticket ticket = m.first(Ticket.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TICKET, "TRANSFER_INIT without TICKET"));
        TicketTerms terms = TicketTerms.of(ticket.policy());
        if (!terms.flags().o()) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "O flag clear: the ticket needs processing keygate lacks");
        }
        if (!terms.validAt(clock.instant())) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "ticket outside its validity period "
                    + terms.validFrom() + " to " + terms.validTo());
        }
        if (!terms.responders().contains(identity)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "this responder is not among the ticket's IDRr");
        }
        String initiator = ExchangeKeys.identityText(m, IdRole.IDRI);
        if (!initiator.equals(terms.initiator())) {
            throw new MikeyException(ErrorNo.INVALID_ID, "IDRi differs from the Ticket Policy's IDRi");
        }
        ExchangeKeys.identity(m, IdRole.IDRR);
        ExchangeKeys.rand(m, RandRole.RANDRI);
        if (!(m.header().csIdMap() instanceof CsIdMap.GenericIdMap map) || map.sessions().size() != 1) {
            throw new MikeyException(ErrorNo.INVALID_SP,
                    "TS 23.333 6.2.19.2.2: a single crypto session in a GENERIC-ID map");
        }
        CryptoSession cs = map.sessions().getFirst();
        if (!cs.protType().equals(tlsProtType)) {
            throw new MikeyException(ErrorNo.INVALID_SP, "crypto session of " + cs.protType() + ", not TLS ("
                    + tlsProtType + ")");
        }
        replayCache.checkFresh(m);
        return new ReceivedTransferInit(m, transferInit.clone(), ticket, terms, cs, identity, replayCache, clock,
                random);
    }
}
