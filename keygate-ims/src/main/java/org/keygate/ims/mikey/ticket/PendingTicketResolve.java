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
 * The responder's side of the Ticket Resolve exchange (RFC 6043 4.2.3, PSK variant):
 * RESOLVE_INIT_PSK = HDR (#CS 0, Empty map), T, RANDRr, IDRr, IDRkms, TICKET, IDRpsk, V (MAC under the PSK's
 * auth_key over the message || Identity_r || Identity_kms); {@link #complete} checks the RESOLVE_RESP (MAC over
 * RESOLVE_RESP || RESOLVE_INIT, fresh T, IDRr if present this responder) and decrypts MPKi and the TGK; the
 * KEMAC's IV uses the RESOLVE_INIT's T.
 */
public final class PendingTicketResolve {
    private final KmsCredentials credentials;
    private final MikeyMessage init;
    private final byte[] initWire;
    private final Clock clock;
    private final Duration skew;

    private PendingTicketResolve(KmsCredentials credentials, MikeyMessage init, Clock clock, Duration skew) {
        this.credentials = credentials;
        this.init = init;
        this.initWire = MikeyCodec.encode(init);
        this.clock = clock;
        this.skew = skew;
    }

    public static PendingTicketResolve start(KmsCredentials c, Ticket ticket, Clock clock, Duration skew,
            SecureRandom random) {
        long csbId = 1 + (random.nextLong() & 0xFFFFFFFEL) % 0xFFFFFFFEL;
        byte[] randRr = new byte[TicketProfile.RAND_OCTETS];
        random.nextBytes(randRr);
        // RFC 6043 4.2.3.1: V "MUST be set to '1'" (6.1 says '0'; docs/IMS-MIKEY.md, "The V flag")
        Header h = new Header(DataType.RESOLVE_INIT_PSK, true, TicketProfile.PRF, csbId, new CsIdMap.EmptyMap(0));
        MikeyMessage unsealed = new MikeyMessage(h, List.of(MikeyTime.ntpUtc(clock.instant()),
                new RandWithRole(RandRole.RANDRR, Octets.of(randRr)), IdWithRole.uri(IdRole.IDRR, c.identity()),
                IdWithRole.uri(IdRole.IDRKMS, c.kmsIdentity()), ticket,
                new IdWithRole(IdRole.IDRPSK, IdType.BYTE_STRING, c.pskId()),
                Verification.unsealed(TicketProfile.MAC_ALG)));
        MikeyMessageKeys keys = ExchangeKeys.derive(h.prf(), c.psk(), csbId, false, null, Octets.of(randRr),
                MikeyEncrAlg.NULL, TicketProfile.MAC_ALG);
        try {
            MikeyMessage sealed = MikeyProtection.seal(unsealed, keys.authKey(), ExchangeKeys.utf8(c.identity()),
                    ExchangeKeys.utf8(c.kmsIdentity()));
            return new PendingTicketResolve(c, sealed, clock, skew);
        } finally {
            keys.destroy();
        }
    }

    public byte[] resolveInit() {
        return initWire.clone();
    }

    public TransferKeys complete(byte[] resolveResp) throws MikeyException {
        MikeyMessage resp = MikeyCodec.decode(resolveResp);
        MikeyException refused = MikeyErrors.asException(resp);
        if (refused != null) {
            throw refused;
        }
        if (resp.dataType() != DataType.RESOLVE_RESP) {
            throw new MikeyException(ErrorNo.INVALID_DT, resp.dataType() + " instead of RESOLVE_RESP");
        }
        if (resp.header().csbId() != init.header().csbId() || resp.header().prf() != init.header().prf()) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "CSB ID or PRF differ from the RESOLVE_INIT's");
        }
        Kemac kemac = resp.first(Kemac.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "RESOLVE_RESP without KEMAC"));
        Verification v = resp.verification()
                .orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "RESOLVE_RESP without V"));
        Octets randRr = ExchangeKeys.rand(init, RandRole.RANDRR);
        MikeyMessageKeys keys = ExchangeKeys.derive(init.header().prf(), credentials.psk(), init.header().csbId(),
                true, null, randRr, kemac.encrAlg(), v.authAlg());
        try {
            MikeyProtection.verify(resp, keys.authKey(), initWire);
            Freshness.check(resp, clock, skew);
            if (resp.idr(IdRole.IDRR).isPresent()
                    && !resp.idr(IdRole.IDRR).get().data().utf8().equals(credentials.identity())) {
                throw new MikeyException(ErrorNo.INVALID_ID, "RESOLVE_RESP names another responder (no key forking)");
            }
            Timestamp t = init.first(Timestamp.class).orElseThrow();
            return KemacKeys.fromKeyData(KeyDataCodec.open(kemac, keys, init.header().csbId(),
                    MikeyTime.ivValue(t.tsType(), t.value())));
        } finally {
            keys.destroy();
        }
    }
}
