package org.keygate.ims.mikey;

import java.util.Objects;

/** RAND payload with role indicator RANDR (RFC 6043 6.8). */
public record RandWithRole(RandRole role, Octets rand) implements Payload {
    public RandWithRole {
        Objects.requireNonNull(role, "role");
        Fields.len8("RAND", rand);
    }

    @Override
    public PayloadType type() {
        return PayloadType.RANDR;
    }
}
