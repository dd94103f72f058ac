package org.keygate.ims.mikey.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.keygate.ims.mikey.ErrorNo;
import org.keygate.ims.mikey.MikeyException;
import org.keygate.ims.mikey.MikeyMessage;
import org.keygate.ims.mikey.MikeyTime;
import org.keygate.ims.mikey.Timestamp;

/** A response's T must be a fresh NTP time (RFC 6043 4.2.1.5, 4.2.3.5) within the allowed clock skew. */
final class Freshness {
    private Freshness() {}

    static void check(MikeyMessage m, Clock clock, Duration skew) throws MikeyException {
        Timestamp t = m.first(Timestamp.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TS, m.dataType() + " without T"));
        Instant at = MikeyTime.toInstant(t.tsType(), t.value());
        if (at == null || Duration.between(at, clock.instant()).abs().compareTo(skew) > 0) {
            throw new MikeyException(ErrorNo.INVALID_TS, m.dataType() + " T not a fresh NTP time");
        }
    }
}
