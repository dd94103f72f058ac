package org.keygate.ims.mikey.ticket;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.Header;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdType;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.Kemac;
import org.keygate.ims.mikey.KeyDataCodec;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyErrors;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyProtection;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.RandWithRole;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.Timestamp;
import org.keygate.ims.mikey.Verification;

/**
 * The initiator's side of the Ticket Request exchange (RFC 6043 4.2.1, PSK variant):
 * REQUEST_INIT_PSK = HDR (#CS 0, Empty map), T, RANDRi, IDRi, IDRkms, TP, IDRpsk, V (MAC under the PSK's
 * auth_key over the message || Identity_i || Identity_kms); {@link #complete} checks the REQUEST_RESP (MAC over
 * REQUEST_RESP || REQUEST_INIT, fresh T, a granted policy that names this initiator and the wanted responders)
 * and decrypts MPKi and the TGK. The KEMAC's IV uses the REQUEST_INIT's T (RFC 3830 4.2.3: "the timestamp sent by
 * the Initiator").
 */
public final class PendingTicketRequest {
    private final KmsCredentials credentials;
    private final TicketTerms desired;
    private final MikeyMessage init;
    private final byte[] initWire;
    private final Clock clock;
    private final Duration skew;

    private PendingTicketRequest(KmsCredentials credentials, TicketTerms desired, MikeyMessage init, Clock clock,
            Duration skew) {
        this.credentials = credentials;
        this.desired = desired;
        this.init = init;
        this.initWire = MikeyCodec.encode(init);
        this.clock = clock;
        this.skew = skew;
    }

    public static PendingTicketRequest start(KmsCredentials c, TicketTerms desired, Clock clock, Duration skew,
            SecureRandom random) {
        long csbId = 1 + (random.nextLong() & 0xFFFFFFFEL) % 0xFFFFFFFEL;
        byte[] randRi = new byte[TicketProfile.RAND_OCTETS];
        random.nextBytes(randRi);
        // RFC 6043 4.2.1.1: V "MUST be set to '1'" (6.1 says '0'; docs/IMS-MIKEY.md, "The V flag")
        Header h = new Header(DataType.REQUEST_INIT_PSK, true, TicketProfile.PRF, csbId, new CsIdMap.EmptyMap(0));
        MikeyMessage unsealed = new MikeyMessage(h, List.of(MikeyTime.ntpUtc(clock.instant()),
                new RandWithRole(RandRole.RANDRI, Octets.of(randRi)), IdWithRole.uri(IdRole.IDRI, c.identity()),
                IdWithRole.uri(IdRole.IDRKMS, c.kmsIdentity()), desired.toDesiredPolicy(),
                new IdWithRole(IdRole.IDRPSK, IdType.BYTE_STRING, c.pskId()),
                Verification.unsealed(TicketProfile.MAC_ALG)));
        MikeyMessageKeys keys = ExchangeKeys.derive(h.prf(), c.psk(), csbId, false, Octets.of(randRi), null,
                MikeyEncrAlg.NULL, TicketProfile.MAC_ALG);
        try {
            MikeyMessage sealed = MikeyProtection.seal(unsealed, keys.authKey(), ExchangeKeys.utf8(c.identity()),
                    ExchangeKeys.utf8(c.kmsIdentity()));
            return new PendingTicketRequest(c, desired, sealed, clock, skew);
        } finally {
            keys.destroy();
        }
    }

    public byte[] requestInit() {
        return initWire.clone();
    }

    public IssuedTicket complete(byte[] requestResp) throws MikeyException {
        MikeyMessage resp = MikeyCodec.decode(requestResp);
        MikeyException refused = MikeyErrors.asException(resp);
        if (refused != null) {
            throw refused;
        }
        if (resp.dataType() != DataType.REQUEST_RESP) {
            throw new MikeyException(ErrorNo.INVALID_DT, resp.dataType() + " instead of REQUEST_RESP");
        }
        if (resp.header().csbId() != init.header().csbId() || resp.header().prf() != init.header().prf()) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "CSB ID or PRF differ from the REQUEST_INIT's");
        }
        Kemac kemac = resp.first(Kemac.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "REQUEST_RESP without KEMAC"));
        Ticket ticket = resp.first(Ticket.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TICKET, "REQUEST_RESP without TICKET"));
        Verification v = resp.verification()
                .orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "REQUEST_RESP without V"));
        Octets randRi = ExchangeKeys.rand(init, RandRole.RANDRI);
        MikeyMessageKeys keys = ExchangeKeys.derive(init.header().prf(), credentials.psk(), init.header().csbId(),
                true, randRi, null, kemac.encrAlg(), v.authAlg());
        try {
            MikeyProtection.verify(resp, keys.authKey(), initWire);
            Freshness.check(resp, clock, skew);
            Timestamp t = init.first(Timestamp.class).orElseThrow();
            TransferKeys transfer = KemacKeys.fromKeyData(KeyDataCodec.open(kemac, keys, init.header().csbId(),
                    MikeyTime.ivValue(t.tsType(), t.value())));
            TicketTerms granted = TicketTerms.of(ticket.policy());
            if (!granted.initiator().equals(credentials.identity())
                    || !granted.responders().containsAll(desired.responders())) {
                throw new MikeyException(ErrorNo.INVALID_TPPAR, "the granted Ticket Policy does not name this "
                        + "initiator and every wanted responder (RFC 6043 4.2.1.6)");
            }
            return new IssuedTicket(ticket, transfer);
        } finally {
            keys.destroy();
        }
    }
}
