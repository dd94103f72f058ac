package org.keygate.sepp.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts edge-check outcomes as {@code keygate_sepp_edge_checks_total{peer, check, outcome}}: outcome is
 * {@code pass} or the violation's {@link EdgeViolation#tag()}. Peer names come from configuration, never from
 * message content, so the label set stays bounded. Nothing of the message is recorded.
 */
public final class EdgeMetrics {
    public static final String CHECKS_TOTAL = "keygate_sepp_edge_checks_total";

    private final MeterRegistry meters;
    /**
     * The counters met so far: the registry's lookup by name and tags (a Tags object sorted per call) was run three
     * times per message, 1 % of a home SEPP's samples (issue 10). Bounded as the label set is.
     */
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    private record Key(String peer, String check, String outcome) {}

    public EdgeMetrics(MeterRegistry meters) {
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** Counts {@code result} under {@code check} (e.g. "originating_network_id") and returns it unchanged. */
    public <T> EdgeCheckResult<T> record(String peer, String check, EdgeCheckResult<T> result) {
        String outcome = switch (result) {
            case EdgeCheckResult.Pass<T> p -> "pass";
            case EdgeCheckResult.Fail<T> f -> f.violation().tag();
        };
        counters.computeIfAbsent(new Key(peer, check, outcome),
                k -> meters.counter(CHECKS_TOTAL, "peer", k.peer(), "check", k.check(), "outcome", k.outcome()))
                .increment();
        return result;
    }
}
