package org.keygate.ims.mikey.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.keygate.crypto.mikey.MikeyEncrAlg;
import org.keygate.crypto.mikey.MikeyMacAlg;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.IdRole;
import org.keygate.ims.mikey.IdWithRole;
import org.keygate.ims.mikey.Kemac;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Octets;
import org.keygate.ims.mikey.Payload;
import org.keygate.ims.mikey.TicketFlags;
import org.keygate.ims.mikey.TicketPolicy;
import org.keygate.ims.mikey.TimestampWithRole;
import org.keygate.ims.mikey.TsRole;
import org.keygate.ims.mikey.TsType;

/**
 * The readable content of a Ticket Policy (RFC 6043 6.10) as keygate writes and checks it: who created or requested
 * the ticket (IDRi), the KMS that resolves it (IDRkms), the authorized responders (IDRr, at least one), the
 * validity period (TRs, TRe as NTP-UTC-32) and the flags. Identities are URIs (TS 33.328: KMS user identities
 * from the SIP URIs).
 */
public record TicketTerms(String initiator, List<String> responders, Optional<String> kms, Instant validFrom,
        Instant validTo, TicketFlags flags) {
    public TicketTerms {
        Objects.requireNonNull(initiator, "initiator");
        responders = List.copyOf(responders);
        if (responders.isEmpty()) {
            throw new IllegalArgumentException("responders: none (expected: at least one authorized IDRr)");
        }
        Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        if (!validTo.isAfter(validFrom)) {
            throw new IllegalArgumentException("validTo: " + validTo + " (expected: after validFrom " + validFrom + ")");
        }
        Objects.requireNonNull(flags, "flags");
        String broken = flags.brokenRule();
        if (broken != null) {
            throw new IllegalArgumentException("flags: RFC 6043 6.10 rule broken: " + broken);
        }
    }

    /**
     * Flags of a ticket that the KMS generates and alone resolves (mode 1): D, E, F, G, H, N, O set; no key
     * forking, no reuse, no initiator or responder keys.
     */
    public static TicketFlags kmsTicketFlags(boolean kmsChangedPolicy) {
        return new TicketFlags(true, true, true, true, true, false, false, kmsChangedPolicy, false, false, true, true);
    }

    /**
     * Flags of a ticket that the initiator creates (mode 3, RFC 6043 4.1.1): D clear, so L is set (RFC 6043 6.10,
     * "NOT D implies L"); the responder answers (F) with RANDRr (G). E (Ticket Resolve mandatory) when a KMS
     * resolves it; without E a responder that holds the TPK may resolve it itself.
     */
    public static TicketFlags initiatorTicketFlags(boolean resolveMandatory) {
        return new TicketFlags(false, resolveMandatory, true, true, true, false, false, false, true, false, true,
                true);
    }

    /** The policy with keygate's PRF and ticket type. */
    public TicketPolicy toPolicy() {
        List<Payload> data = new ArrayList<>();
        kms.ifPresent(k -> data.add(IdWithRole.uri(IdRole.IDRKMS, k)));
        data.add(IdWithRole.uri(IdRole.IDRI, initiator));
        data.add(new TimestampWithRole(TsRole.TRS, TsType.NTP_UTC_32, MikeyTime.ntp32(validFrom)));
        data.add(new TimestampWithRole(TsRole.TRE, TsType.NTP_UTC_32, MikeyTime.ntp32(validTo)));
        responders.forEach(r -> data.add(IdWithRole.uri(IdRole.IDRR, r)));
        return new TicketPolicy(TicketProfile.TICKET_TYPE, TicketProfile.TICKET_SUBTYPE, TicketProfile.TICKET_VERSION,
                TicketProfile.PRF, flags, data);
    }

    /** The desired policy of a REQUEST_INIT (RFC 6043 6.10: a KEMAC with the NULL algorithms may ask for keys). */
    public TicketPolicy toDesiredPolicy() {
        TicketPolicy p = toPolicy();
        List<Payload> data = new ArrayList<>(p.tpData());
        data.add(data.size() - responders.size(),
                new Kemac(MikeyEncrAlg.NULL, Octets.EMPTY, MikeyMacAlg.NULL, Octets.EMPTY));
        return new TicketPolicy(p.ticketType(), p.subtype(), p.version(), p.prf(), p.flags(), data);
    }

    /**
     * Reads a policy, refusing one keygate cannot honour: an unknown ticket type (Invalid TICKET), or missing IDRi,
     * IDRr, TRs or TRe, flags against the RFC rules, key forking (Invalid TPpar).
     */
    public static TicketTerms of(TicketPolicy p) throws MikeyException {
        if (p.ticketType() != TicketProfile.TICKET_TYPE || p.subtype() != TicketProfile.TICKET_SUBTYPE
                || p.version() != TicketProfile.TICKET_VERSION) {
            throw new MikeyException(ErrorNo.INVALID_TICKET, "Ticket Type " + p.ticketType() + " subtype "
                    + p.subtype() + " version " + p.version() + " (keygate resolves the MIKEY base ticket 1/1/1)");
        }
        String broken = p.flags().brokenRule();
        if (broken != null) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "flags break the RFC 6043 6.10 rule " + broken);
        }
        if (p.flags().i()) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "key forking (I flag) is not supported");
        }
        List<IdWithRole> ids = p.tpData(IdWithRole.class);
        String initiator = ids.stream().filter(i -> i.role() == IdRole.IDRI).map(i -> i.data().utf8()).findFirst()
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TPPAR, "Ticket Policy without IDRi"));
        List<String> responders = ids.stream().filter(i -> i.role() == IdRole.IDRR).map(i -> i.data().utf8())
                .toList();
        if (responders.isEmpty()) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "Ticket Policy without IDRr");
        }
        Optional<String> kms = ids.stream().filter(i -> i.role() == IdRole.IDRKMS).map(i -> i.data().utf8())
                .findFirst();
        Instant from = time(p, TsRole.TRS);
        Instant to = time(p, TsRole.TRE);
        if (!to.isAfter(from)) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, "TRe not after TRs");
        }
        return new TicketTerms(initiator, responders, kms, from, to, p.flags());
    }

    private static Instant time(TicketPolicy p, TsRole role) throws MikeyException {
        TimestampWithRole tr = p.tpData(TimestampWithRole.class).stream().filter(t -> t.role() == role).findFirst()
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TPPAR, "Ticket Policy without " + role));
        Instant t = MikeyTime.toInstant(tr.tsType(), tr.value());
        if (t == null) {
            throw new MikeyException(ErrorNo.INVALID_TPPAR, role + " is a COUNTER, not a time");
        }
        return t;
    }

    /** Valid at {@code now} (inclusive bounds). */
    public boolean validAt(Instant now) {
        return !now.isBefore(validFrom) && !now.isAfter(validTo);
    }
}
