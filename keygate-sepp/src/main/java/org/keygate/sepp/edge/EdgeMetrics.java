package org.keygate.sepp.edge;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Counts edge-check outcomes as {@code keygate_sepp_edge_checks_total{peer, check, outcome}}: outcome is
 * {@code pass} or the violation's {@link EdgeViolation#tag()}. Peer names come from configuration, never from
 * message content, so the label set stays bounded. Nothing of the message is recorded.
 */
public final class EdgeMetrics {
    public static final String CHECKS_TOTAL = "keygate_sepp_edge_checks_total";

    private final MeterRegistry meters;

    public EdgeMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** Counts {@code result} under {@code check} (e.g. "originating_network_id") and returns it unchanged. */
    public <T> EdgeCheckResult<T> record(String peer, String check, EdgeCheckResult<T> result) {
        String outcome = switch (result) {
            case EdgeCheckResult.Pass<T> p -> "pass";
            case EdgeCheckResult.Fail<T> f -> f.violation().tag();
        };
        meters.counter(CHECKS_TOTAL, "peer", peer, "check", check, "outcome", outcome).increment();
        return result;
    }
}
