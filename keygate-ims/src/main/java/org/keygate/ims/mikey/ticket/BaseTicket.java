package org.keygate.ims.mikey.ticket;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.keygate.crypto.mikey.MikeyKeyConstant;
import org.keygate.crypto.mikey.MikeyLabel;
import org.keygate.crypto.mikey.MikeyMessageKeys;
import org.keygate.crypto.mikey.MikeyPrf;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdType;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.KeyData;
import org.keygate.ims.mikey.KeyDataCodec;
import org.keygate.ims.mikey.KeyDataType;
import org.keygate.ims.mikey.KeyValidity;
import org.keygate.ims.mikey.Kemac;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.Payload;
import org.keygate.ims.mikey.PayloadType;
import org.keygate.ims.mikey.Rand;
import org.keygate.ims.mikey.Ticket;
import org.keygate.ims.mikey.TicketPolicy;
import org.keygate.ims.mikey.Timestamp;
import org.keygate.ims.mikey.Verification;

/**
 * The MIKEY base ticket (RFC 6043 Appendix A), keygate's ticket format:
 * Ticket Data = THDR, T, RAND, KEMAC, IDRpsk, V.
 *
 * <ul>
 *   <li>THDR (A.3): Next Payload, THDR Data length 0 (no implementation data).</li>
 *   <li>T: time of issue, NTP-UTC. RAND: 16 fresh octets, input of every key derived from the TPK and MPK.</li>
 *   <li>KEMAC: E(encr_key, MPK || TGK) with AES-CM-128 and the NULL MAC; encr_key and salt_key from the TPK
 *   (A.2.1, label 0xFF || 0xFFFFFFFF || 0x05 || len RAND || RAND) and the IV's CSB ID 0xFFFFFFFF (A.1). Each key
 *   carries an SPI (RFC 6043 6.2.1); the TGK's SPI is the crypto session's SPI.</li>
 *   <li>IDRpsk: the TPK's identifier (byte string), so that the KMS picks its own TPK (mode 1) or the one it
 *   shares with the initiator (mode 3).</li>
 *   <li>V: HMAC-SHA-256-256 under the TPK's auth_key over the whole TICKET payload but its Next Payload field,
 *   the Initiator Data length and data and the MAC itself (A.1). The policy is therefore authenticated too.</li>
 * </ul>
 * MPKi = PRF(MPK, 0x220E99A2 || 0xFF || 0xFFFFFFFF || 0x06 || len RAND || RAND) (A.2.2); the PRF is the Ticket
 * Policy's.
 */
public final class BaseTicket {
    /** RFC 6043 A.1: "If CSB ID is needed in the IV creation it SHALL be set to '0xFFFFFFFF'". */
    static final long TICKET_CSB_ID = 0xFFFFFFFFL;

    private BaseTicket() {}

    /** Creates the ticket for {@code policy} with fresh MPK and TGK, protected with {@code tpk}. */
    public static IssuedTicket issue(TicketPolicy policy, Tpk tpk, Instant now, SecureRandom random) {
        byte[] rand = bytes(random, TicketProfile.RAND_OCTETS);
        SecretBytes mpk = SecretBytes.copyOf(bytes(random, TicketProfile.MPK_OCTETS));
        SecretBytes tgk = SecretBytes.copyOf(bytes(random, TicketProfile.TGK_OCTETS));
        Octets mpkSpi = Octets.of(bytes(random, TicketProfile.SPI_OCTETS));
        Octets tgkSpi = Octets.of(bytes(random, TicketProfile.SPI_OCTETS));
        Timestamp t = MikeyTime.ntpUtc(now);
        MikeyMessageKeys keys = MikeyMessageKeys.derive(policy.prf(), tpk.key(), MikeyLabel.ticketProtection(rand),
                TicketProfile.ENCR_ALG, TicketProfile.MAC_ALG);
        try {
            Kemac kemac = KeyDataCodec.seal(List.of(KeyData.withSpi(KeyDataType.MPK, mpk, mpkSpi),
                    KeyData.withSpi(KeyDataType.TGK, tgk, tgkSpi)), TicketProfile.ENCR_ALG, keys, TICKET_CSB_ID,
                    MikeyTime.ivValue(t.tsType(), t.value()));
            List<Payload> chain = new ArrayList<>(List.of(t, new Rand(Octets.of(rand)), kemac,
                    new IdWithRole(IdRole.IDRPSK, IdType.BYTE_STRING, tpk.id()),
                    Verification.unsealed(TicketProfile.MAC_ALG)));
            Ticket unsealed = new Ticket(policy, ticketData(chain), Octets.EMPTY);
            byte[] mac = TicketProfile.MAC_ALG.mac(keys.authKey(),
                    MikeyCodec.ticketMacCoverage(unsealed, TicketProfile.MAC_ALG.macOctets()));
            chain.set(chain.size() - 1, new Verification(TicketProfile.MAC_ALG, Octets.of(mac)));
            Ticket ticket = new Ticket(policy, ticketData(chain), Octets.EMPTY);
            return new IssuedTicket(ticket, new TransferKeys(mpki(policy.prf(), mpk, rand), tgk, tgkSpi));
        } finally {
            keys.destroy();
            mpk.destroy();
        }
    }

    /**
     * Verifies and opens a ticket with the TPK that its IDRpsk names ({@code tpks} answers empty for an unknown
     * identifier). Invalid TICKET for a ticket of another type or structure, Auth failure for a wrong MAC.
     */
    public static ResolvedTicket resolve(Ticket ticket, Function<Octets, Optional<Tpk>> tpks) throws MikeyException {
        TicketTerms terms = TicketTerms.of(ticket.policy());
        byte[] data = ticket.ticketData().toByteArray();
        List<Payload> chain;
        try {
            if (data.length < 3) {
                throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Data shorter than a THDR");
            }
            int thdrLength = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
            if (3 + thdrLength > data.length) {
                throw new MikeyException(ErrorNo.INVALID_TICKET, "THDR Data length past the Ticket Data");
            }
            chain = MikeyCodec.decodeChain(data, 3 + thdrLength, data[0] & 0xFF);
        } catch (MikeyException e) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Data: " + e.getMessage());
        }
        Timestamp t = only(chain, Timestamp.class, "T");
        Rand rand = only(chain, Rand.class, "RAND");
        Kemac kemac = only(chain, Kemac.class, "KEMAC");
        IdWithRole idrPsk = chain.stream().filter(p -> p instanceof IdWithRole i && i.role() == IdRole.IDRPSK)
                .map(IdWithRole.class::cast).findFirst()
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Data without IDRpsk"));
        if (!(chain.getLast() instanceof Verification v) || v.mac().length() == 0) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Data does not end with a V payload with a MAC");
        }
        if (rand.rand().length() < TicketProfile.RAND_OCTETS) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "RAND of " + rand.rand().length() + " octets");
        }
        Tpk tpk = tpks.apply(idrPsk.data())
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TICKET, "unknown TPK " + idrPsk.data()));
        byte[] r = rand.rand().toByteArray();
        MikeyMessageKeys keys = MikeyMessageKeys.derive(ticket.policy().prf(), tpk.key(),
                MikeyLabel.ticketProtection(r), kemac.encrAlg(), v.authAlg());
        try {
            if (!v.authAlg().verify(keys.authKey(), v.mac().toByteArray(),
                    MikeyCodec.ticketMacCoverage(ticket, v.mac().length()))) {
                throw new MikeyException(ErrorNo.AUTH_FAILURE, "ticket MAC does not verify");
            }
            List<KeyData> keyData = KeyDataCodec.open(kemac, keys, TICKET_CSB_ID, MikeyTime.ivValue(t.tsType(),
                    t.value()));
            KeyData mpk = onlyKey(keyData, KeyDataType.MPK);
            KeyData tgk = onlyKey(keyData, KeyDataType.TGK);
            if (!(tgk.validity() instanceof KeyValidity.Spi spi)) {
                throw new MikeyException(ErrorNo.INVALID_TICKET, "TGK without an SPI (RFC 6043 6.2.1)");
            }
            Instant issued = MikeyTime.toInstant(t.tsType(), t.value());
            if (issued == null) {
                throw new MikeyException(ErrorNo.INVALID_TICKET, "time of issue is a COUNTER");
            }
            TransferKeys transfer = new TransferKeys(mpki(ticket.policy().prf(), mpk.key(), r), tgk.key(), spi.spi());
            mpk.key().destroy();
            return new ResolvedTicket(terms, tpk, issued, transfer);
        } finally {
            keys.destroy();
        }
    }

    private static SecretBytes mpki(MikeyPrf prf, SecretBytes mpk, byte[] rand) {
        return prf.derive(mpk, MikeyLabel.mpk(rand).with(MikeyKeyConstant.MPKI), mpk.length());
    }

    private static Octets ticketData(List<Payload> chain) {
        byte[] body = MikeyCodec.encodeChain(chain);
        byte[] data = new byte[3 + body.length];
        data[0] = (byte) PayloadType.T.wireValue();
        System.arraycopy(body, 0, data, 3, body.length);
        return Octets.of(data);
    }

    private static <P extends Payload> P only(List<Payload> chain, Class<P> kind, String name) throws MikeyException {
        List<P> found = chain.stream().filter(kind::isInstance).map(kind::cast).toList();
        if (found.size() != 1) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Data with " + found.size() + " " + name
                    + " payloads (expected: 1)");
        }
        return found.getFirst();
    }

    private static KeyData onlyKey(List<KeyData> keys, KeyDataType type) throws MikeyException {
        List<KeyData> found = keys.stream().filter(k -> k.keyType() == type).toList();
        if (found.size() != 1) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "ticket KEMAC with " + found.size() + " " + type
                    + " keys (expected: 1)");
        }
        return found.getFirst();
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
