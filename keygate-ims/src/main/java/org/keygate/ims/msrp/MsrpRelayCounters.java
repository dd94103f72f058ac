package org.keygate.ims.msrp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;

/**
 * What the MSRP relay counts instead of logging each event: forwards that failed (the receiver had left), pauses
 * of a sender for a slow receiver, ended connections (each also logged once).
 */
public record MsrpRelayCounters(Counter failedForwards, Counter pauses, Counter endedConnections) {
    public MsrpRelayCounters {
        Objects.requireNonNull(failedForwards, "failedForwards");
        Objects.requireNonNull(pauses, "pauses");
        Objects.requireNonNull(endedConnections, "endedConnections");
    }

    /** {@code keygate.ims.msrp.forwards.failed}, {@code keygate.ims.msrp.sender.pauses}, {@code keygate.ims.msrp.connections.ended}. */
    public static MsrpRelayCounters in(MeterRegistry meters) {
        return new MsrpRelayCounters(meters.counter("keygate.ims.msrp.forwards.failed"),
                meters.counter("keygate.ims.msrp.sender.pauses"), meters.counter("keygate.ims.msrp.connections.ended"));
    }

    /** Counted nowhere (tests of the relay alone). */
    public static MsrpRelayCounters unregistered() {
        return in(new SimpleMeterRegistry());
    }
}
