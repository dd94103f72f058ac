package org.keygate.ims.mikey;

import java.util.Objects;

/** Timestamp payload T (RFC 3830 6.6, RFC 6043 6.3); {@link MikeyTime} converts NTP values. */
public record Timestamp(TsType tsType, long value) implements Payload {
    public Timestamp {
        Objects.requireNonNull(tsType, "tsType");
        if (tsType.valueOctets() == 4) {
            Fields.u32("TS value", value);
        }
    }

    @Override
    public PayloadType type() {
        return PayloadType.T;
    }
}
