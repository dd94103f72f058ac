package org.keygate.sepp.n32f.forward;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code keygate_n32f_messages_total{direction, peer}}, one counter per partner and direction kept once found: the
 * registry's lookup by name and tags ran per message on the hot path (issue 10). Peer names come from configuration, so
 * the set stays bounded.
 */
final class N32fMessageCounters {
    static final String MESSAGES_TOTAL = "keygate_n32f_messages_total";

    private final MeterRegistry meters;
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();

    N32fMessageCounters(MeterRegistry meters) {
        this.meters = meters;
    }

    void received(String peer) {
        in.computeIfAbsent(peer, p -> meters.counter(MESSAGES_TOTAL, "direction", "in", "peer", p)).increment();
    }

    void sent(String peer) {
        out.computeIfAbsent(peer, p -> meters.counter(MESSAGES_TOTAL, "direction", "out", "peer", p)).increment();
    }
}
