package org.keygate.ims.mikey;

import java.util.List;
import java.util.Objects;
import org.keygate.crypto.mikey.MikeyPrf;

/**
 * Ticket Policy payload TP (RFC 6043 6.10), also the policy part of a {@link Ticket}: Ticket Type, Subtype,
 * Version, the PRF for key forking, flags D..O and TP Data, itself MIKEY payloads
 * (First Payload, [IDRkms], [IDRi], [TRs], [TRe], [TRr], [KEMAC], {IDRapp}, (IDRr)).
 */
public record TicketPolicy(int ticketType, int subtype, int version, MikeyPrf prf, TicketFlags flags,
        List<Payload> tpData) implements Payload {
    /** RFC 6043 Table 6.15. */
    public static final int MIKEY_BASE_TICKET = 1;
    /** RFC 6043 Table 6.15: used and specified by 3GPP (TS 33.328). */
    public static final int THREE_GPP_BASE_TICKET = 2;

    public TicketPolicy {
        Fields.u16("Ticket Type", ticketType);
        Fields.u8("Subtype", subtype);
        Fields.u8("Version", version);
        Objects.requireNonNull(prf, "prf");
        Objects.requireNonNull(flags, "flags");
        tpData = List.copyOf(tpData);
        for (Payload p : tpData) {
            if (p instanceof TicketPolicy || p instanceof Ticket) {
                throw new IllegalArgumentException("TP Data: a " + p.type() + " payload cannot nest");
            }
        }
    }

    /** The TP Data payloads of one class, in order. */
    public <P extends Payload> List<P> tpData(Class<P> kind) {
        return tpData.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Override
    public PayloadType type() {
        return PayloadType.TP;
    }
}
