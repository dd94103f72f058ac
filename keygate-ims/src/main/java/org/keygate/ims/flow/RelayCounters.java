package org.keygate.ims.flow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Objects;

/**
 * What a relay (MSRP, BFCP) counts instead of logging each event: forwards that failed (the receiver had left), pauses
 * of a sender for a slow receiver ({@link RelayBackPressure}), input refused by the decoder, ended connections (each
 * also logged once).
 */
public record RelayCounters(Counter failedForwards, Counter pauses, Counter refusedInputs, Counter endedConnections) {
    public RelayCounters {
        Objects.requireNonNull(failedForwards, "failedForwards");
        Objects.requireNonNull(pauses, "pauses");
        Objects.requireNonNull(refusedInputs, "refusedInputs");
        Objects.requireNonNull(endedConnections, "endedConnections");
    }

    /**
     * {@code keygate.ims.<protocol>.forwards.failed}, {@code .sender.pauses}, {@code .input.refused},
     * {@code .connections.ended}.
     *
     * @param protocol {@code msrp} or {@code bfcp}
     */
    public static RelayCounters in(MeterRegistry meters, String protocol) {
        String p = "keygate.ims." + protocol;
        return new RelayCounters(meters.counter(p + ".forwards.failed"), meters.counter(p + ".sender.pauses"),
                meters.counter(p + ".input.refused"), meters.counter(p + ".connections.ended"));
    }

    /** Counted nowhere (tests of a relay alone). */
    public static RelayCounters unregistered() {
        return in(new SimpleMeterRegistry(), "unregistered");
    }
}
