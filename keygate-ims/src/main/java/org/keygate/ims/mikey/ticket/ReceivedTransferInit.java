package org.keygate.ims.mikey.ticket;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.CryptoSession;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.Header;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyErrors;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyProtection;
import org.keygate.ims.mikey.MikeyReplayCache;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.Payload;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.RandWithRole;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.Verification;

/**
 * A TRANSFER_INIT that passed the early checks; its authenticity is only known once the ticket is resolved
 * (RFC 6043 4.2.2.2). {@link #respond} verifies it with the resolved MPKi, records it against replay and builds
 * the TRANSFER_RESP: HDR (same PRF and CSB ID, the crypto session with exactly one policy and the TGK's SPI),
 * T (fresh), RANDRr (G flag), IDRr (this responder), V (MAC under MPKi over TRANSFER_RESP || TRANSFER_INIT).
 */
public final class ReceivedTransferInit {
    private final MikeyMessage init;
    private final byte[] initWire;
    private final Ticket ticket;
    private final TicketTerms terms;
    private final CryptoSession cs;
    private final String identity;
    private final MikeyReplayCache replayCache;
    private final Clock clock;
    private final SecureRandom random;

    ReceivedTransferInit(MikeyMessage init, byte[] initWire, Ticket ticket, TicketTerms terms, CryptoSession cs,
            String identity, MikeyReplayCache replayCache, Clock clock, SecureRandom random) {
        this.init = init;
        this.initWire = initWire;
        this.ticket = ticket;
        this.terms = terms;
        this.cs = cs;
        this.identity = identity;
        this.replayCache = replayCache;
        this.clock = clock;
        this.random = random;
    }

    /** The ticket to resolve. */
    public Ticket ticket() {
        return ticket;
    }

    /** The Ticket Policy's terms (authentic only once the ticket is resolved). */
    public TicketTerms terms() {
        return terms;
    }

    public String initiator() {
        return terms.initiator();
    }

    public MikeyMessage message() {
        return init;
    }

    /** The Error message that answers this TRANSFER_INIT with {@code e} (RFC 6043 5.4). */
    public byte[] errorAnswer(MikeyException e) {
        return MikeyCodec.encode(MikeyErrors.errorMessage(init.header(), e.errorNo(), clock.instant()));
    }

    /** Verifies the TRANSFER_INIT with the resolved keys and answers it. */
    public RespondedTransfer respond(TransferKeys keys) throws MikeyException {
        Header h = init.header();
        Octets randRi = ExchangeKeys.rand(init, RandRole.RANDRI);
        Verification v = init.verification()
                .orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "TRANSFER_INIT without V"));
        MikeyMessageKeys in = ExchangeKeys.derive(h.prf(), keys.mpki(), h.csbId(), false, randRi, null,
                MikeyEncrAlg.NULL, v.authAlg());
        try {
            MikeyProtection.verify(init, in.authKey(), ExchangeKeys.identity(init, IdRole.IDRI),
                    ExchangeKeys.identity(init, IdRole.IDRR));
        } finally {
            in.destroy();
        }
        if (cs.spi().length() > 0 && !cs.spi().equals(keys.tgkSpi())) {
            throw new MikeyException(ErrorNo.INVALID_SPPAR, "the crypto session's SPI does not name the ticket's TGK");
        }
        replayCache.accept(init);
        Octets randRr = null;
        if (terms.flags().g()) {
            byte[] r = new byte[TicketProfile.RAND_OCTETS];
            random.nextBytes(r);
            randRr = Octets.of(r);
        }
        int policy = cs.policyNos().isEmpty() ? 0 : cs.policyNos().getFirst();
        CryptoSession answered = new CryptoSession(cs.csId(), cs.protType(), cs.s(), List.of(policy),
                cs.sessionData(), keys.tgkSpi());
        // RFC 6043 4.2.2.3: V "SHALL be set to '0' by the Responder"
        Header rh = new Header(DataType.TRANSFER_RESP, false, h.prf(), h.csbId(),
                new CsIdMap.GenericIdMap(List.of(answered)));
        List<Payload> payloads = new ArrayList<>();
        payloads.add(MikeyTime.ntpUtc(clock.instant()));
        if (randRr != null) {
            payloads.add(new RandWithRole(RandRole.RANDRR, randRr));
        }
        payloads.add(IdWithRole.uri(IdRole.IDRR, identity));
        payloads.add(Verification.unsealed(v.authAlg()));
        MikeyMessageKeys out = ExchangeKeys.derive(h.prf(), keys.mpki(), h.csbId(), true, randRi, randRr,
                MikeyEncrAlg.NULL, v.authAlg());
        try {
            MikeyMessage resp = MikeyProtection.seal(new MikeyMessage(rh, payloads), out.authKey(), initWire);
            SecretBytes tek = TekDerivation.tek(h.prf(), keys.tgk(), cs.csId(), terms.flags(), randRi, randRr);
            return new RespondedTransfer(MikeyCodec.encode(resp), new EstablishedSession(h.csbId(), cs.csId(),
                    cs.protType(), keys.tgkSpi(), terms.initiator(), tek));
        } finally {
            out.destroy();
        }
    }
}
