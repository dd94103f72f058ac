package org.keygate.ims.mikey.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.CryptoSession;
import org.keygate.ims.mikey.CsIdMap;
import org.keygate.ims.mikey.DataType;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyErrors;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.ProtType;
import org.keygate.ims.mikey.MikeyProtection;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.RandRole;
import org.keygate.ims.mikey.Timestamp;
import org.keygate.ims.mikey.Verification;

/**
 * A sent TRANSFER_INIT waiting for its TRANSFER_RESP. {@link #complete} verifies the answer (RFC 6043 4.2.2.4:
 * MAC under MPKi over TRANSFER_RESP || TRANSFER_INIT; TS 23.333 5.20.2: the responder is the one expected, else
 * the session setup is aborted) and derives the TEK. Completes once; thread-safe.
 */
public final class PendingTransfer {
    private final MikeyMessage init;
    private final byte[] initWire;
    private final TicketTerms terms;
    private final TransferKeys keys;
    private final String responder;
    private final Clock clock;
    private final Duration skew;
    private boolean done;

    PendingTransfer(MikeyMessage init, byte[] initWire, TicketTerms terms, TransferKeys keys, String responder,
            Clock clock, Duration skew) {
        this.init = init;
        this.initWire = initWire;
        this.terms = terms;
        this.keys = keys;
        this.responder = responder;
        this.clock = clock;
        this.skew = skew;
    }

    /** The TRANSFER_INIT octets (for SDP {@code a=key-mgmt:mikey}, base64). */
    public byte[] transferInit() {
        return initWire.clone();
    }

    public long csbId() {
        return init.header().csbId();
    }

    /** Whether the ticket asks for a TRANSFER_RESP (F flag). */
    public boolean responseExpected() {
        return terms.flags().f();
    }

    public synchronized EstablishedSession complete(byte[] transferResp) throws MikeyException {
        if (done) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "this Ticket Transfer already completed");
        }
        MikeyMessage resp = MikeyCodec.decode(transferResp);
        MikeyException refused = MikeyErrors.asException(resp);
        if (refused != null) {
            throw refused;
        }
        if (resp.dataType() != DataType.TRANSFER_RESP) {
            throw new MikeyException(ErrorNo.INVALID_DT, resp.dataType() + " instead of TRANSFER_RESP");
        }
        if (resp.header().csbId() != csbId() || resp.header().prf() != init.header().prf()) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "CSB ID or PRF differ from the TRANSFER_INIT's");
        }
        Octets randRi = ExchangeKeys.rand(init, RandRole.RANDRI);
        Octets randRr = terms.flags().g() ? ExchangeKeys.rand(resp, RandRole.RANDRR) : null;
        Verification v = resp.verification()
                .orElseThrow(() -> new MikeyException(ErrorNo.AUTH_FAILURE, "TRANSFER_RESP without V"));
        MikeyMessageKeys mk = ExchangeKeys.derive(init.header().prf(), keys.mpki(), csbId(), true, randRi, randRr,
                MikeyEncrAlg.NULL, v.authAlg());
        try {
            MikeyProtection.verify(resp, mk.authKey(), initWire);
        } finally {
            mk.destroy();
        }
        checkFresh(resp);
        String answered = resp.idr(IdRole.IDRR).map(i -> i.data().utf8()).orElse(responder);
        if (!answered.equals(responder) || !terms.responders().contains(answered)) {
            throw new MikeyException(ErrorNo.INVALID_ID, "the responder is not the one expected (TS 23.333 5.20.2)");
        }
        CryptoSession cs = onlySession(resp);
        SecretBytes tek = TekDerivation.tek(init.header().prf(), keys.tgk(), cs.csId(), terms.flags(), randRi, randRr);
        done = true;
        return new EstablishedSession(csbId(), cs.csId(), cs.protType(), cs.spi(), answered, tek);
    }

    private CryptoSession onlySession(MikeyMessage resp) throws MikeyException {
        if (!(resp.header().csIdMap() instanceof CsIdMap.GenericIdMap map) || map.sessions().size() != 1) {
            throw new MikeyException(ErrorNo.UNSPECIFIED_ERROR, "TRANSFER_RESP without one GENERIC-ID crypto session");
        }
        CryptoSession cs = map.sessions().getFirst();
        // the Prot type offered (configurable, docs/IMS.md "Points to agree"): RFC 6043 4.2.2.3 lets the responder
        // choose policies, not change the crypto session's protocol
        ProtType offered = ((CsIdMap.GenericIdMap) init.header().csIdMap()).sessions().getFirst().protType();
        if (cs.csId() != TicketProfile.CS_ID || !cs.protType().equals(offered)) {
            throw new MikeyException(ErrorNo.INVALID_SP, "crypto session " + cs.csId() + " of " + cs.protType());
        }
        if (cs.policyNos().size() != 1 || !cs.spi().equals(keys.tgkSpi())) {
            throw new MikeyException(ErrorNo.INVALID_SPPAR,
                    "RFC 6043 6.1.1: #P must be 1 in a response, and the SPI must name the ticket's TGK");
        }
        return cs;
    }

    private void checkFresh(MikeyMessage resp) throws MikeyException {
        Timestamp t = resp.first(Timestamp.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TS, "TRANSFER_RESP without T"));
        Instant at = MikeyTime.toInstant(t.tsType(), t.value());
        Timestamp sent = init.first(Timestamp.class).orElseThrow();
        // RFC 6043 4.2.2.3: a fresh NTP time, or the TRANSFER_INIT's COUNTER value.
        if (at == null ? !t.equals(sent) : Duration.between(at, clock.instant()).abs().compareTo(skew) > 0) {
            throw new MikeyException(ErrorNo.INVALID_TS, "TRANSFER_RESP T outside the allowed clock skew");
        }
    }
}
