package org.keygate.ims.mikey.ticket;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.ims.mikey.CryptoSession;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.Header;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyProtection;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.RandWithRole;
import org.keygate.ims.mikey.SecurityPolicy;
import org.keygate.ims.mikey.Verification;

/**
 * The initiator of the Ticket Transfer exchange (RFC 6043 4.2.2) with the single TLS crypto session of
 * TS 23.333 6.2.19.2.2:
 * TRANSFER_INIT = HDR (GENERIC-ID map, one CS of Prot type TLS whose SPI names the ticket's TGK), T, RANDRi,
 * IDRi, IDRr, SP (policy 0 for TLS, no parameters), TICKET, V (MAC under MPKi over the message without Initiator
 * Data, then Identity_i || Identity_r, RFC 6043 Table 5.2).
 */
public final class TransferInitiator {
    private TransferInitiator() {}

    /**
     * Builds the TRANSFER_INIT for {@code responder} (who must be one of the ticket's authorized responders) from
     * a ticket obtained from the KMS ({@link PendingTicketRequest}) or created in mode 3 ({@link ModeThreeTickets}).
     */
    public static PendingTransfer start(IssuedTicket issued, String initiator, String responder, Clock clock,
            Duration skew, SecureRandom random) throws MikeyException {
        return start(issued, initiator, responder, TicketProfile.CS_PROT_TYPE, clock, skew, random);
    }

    /**
     * As above with the Prot type of the TLS crypto session given: TS 23.333 6.2.19.2.2 says only "set to TLS" and
     * the value is not in keygate's sources ({@link org.keygate.ims.mikey.ProtType#TLS}), so deployments can agree
     * on another one.
     */
    public static PendingTransfer start(IssuedTicket issued, String initiator, String responder, ProtType tlsProtType,
            Clock clock, Duration skew, SecureRandom random) throws MikeyException {
        TicketTerms terms = TicketTerms.of(issued.ticket().policy());
        if (!terms.flags().n()) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "N flag clear: the ticket needs processing keygate lacks");
        }
        if (!terms.initiator().equals(initiator)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "the ticket names another initiator");
        }
        if (!terms.responders().contains(responder)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "the ticket does not authorize responder " + responder);
        }
        long csbId = 1 + (random.nextLong() & 0xFFFFFFFEL) % 0xFFFFFFFEL;
        byte[] randRi = new byte[TicketProfile.RAND_OCTETS];
        random.nextBytes(randRi);
        CryptoSession cs = new CryptoSession(TicketProfile.CS_ID, tlsProtType, false, List.of(0),
                Octets.EMPTY, issued.keys().tgkSpi());
        // RFC 6043 4.2.2.1: V "SHALL agree with the F flag in the Ticket Policy"; the responder ignores it
        Header h = new Header(DataType.TRANSFER_INIT, terms.flags().f(), TicketProfile.PRF, csbId,
                new CsIdMap.GenericIdMap(List.of(cs)));
        MikeyMessage unsealed = new MikeyMessage(h, List.of(MikeyTime.ntpUtc(clock.instant()),
                new RandWithRole(RandRole.RANDRI, Octets.of(randRi)), IdWithRole.uri(IdRole.IDRI, initiator),
                IdWithRole.uri(IdRole.IDRR, responder),
                new SecurityPolicy(0, tlsProtType, List.of()), issued.ticket(),
                Verification.unsealed(TicketProfile.MAC_ALG)));
        MikeyMessageKeys keys = ExchangeKeys.derive(h.prf(), issued.keys().mpki(), csbId, false, Octets.of(randRi),
                null, MikeyEncrAlg.NULL, TicketProfile.MAC_ALG);
        try {
            MikeyMessage sealed = MikeyProtection.seal(unsealed, keys.authKey(), ExchangeKeys.utf8(initiator),
                    ExchangeKeys.utf8(responder));
            return new PendingTransfer(sealed, MikeyCodec.encode(sealed), terms, issued.keys(), responder, clock,
                    skew);
        } finally {
            keys.destroy();
        }
    }
}
