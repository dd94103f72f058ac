package org.keygate.ims.mikey;

import java.util.Objects;

/** ID payload (RFC 3830 6.7). RFC 6043 6.6: MIKEY-TICKET messages use {@link IdWithRole} instead. */
public record Id(IdType idType, Octets data) implements Payload {
    public Id {
        Objects.requireNonNull(idType, "idType");
        Fields.len16("ID", data);
    }

    @Override
    public PayloadType type() {
        return PayloadType.ID;
    }
}
