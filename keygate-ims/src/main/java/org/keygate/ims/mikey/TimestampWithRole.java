package org.keygate.ims.mikey;

import java.util.Objects;

/** Timestamp payload with role indicator TR (RFC 6043 6.4). */
public record TimestampWithRole(TsRole role, TsType tsType, long value) implements Payload {
    public TimestampWithRole {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tsType, "tsType");
        if (tsType.valueOctets() == 4) {
            Fields.u32("TS value", value);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.TR;
    }
}
