package org.keygate.bench.load;

import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One scenario's numbers: the maximum rate with its latency percentiles, the paced run at half that rate, the peak
 * resident memory of each proxy (home and visited side; empty for the direct run), the CPU time all nodes (UDM and
 * proxies, not h2load) and the proxies alone spent per request during the maximum run (and of it, the proxies' JIT
 * compilers), and whether every request of the three runs got a 2xx. {@code spread}: the run at half the rate again,
 * each connection from an h2load process of its own started apart ({@link H2load#pacedSpread}).
 */
public record ScenarioResult(String scenario, String path, long bodyBytes, double maxRps, double maxP50Millis,
        double maxP99Millis, double pacedTargetRps, double pacedRps, double pacedP50Millis, double pacedP99Millis,
        OptionalLong homeSeppPeakRssKib, OptionalLong visitedSeppPeakRssKib, double cpuMicrosPerRequest,
        double proxyCpuMicrosPerRequest, double proxyJitMicrosPerRequest, Paced spread, boolean allSucceeded) {

    /** A paced run's rate and latency percentiles. */
    public record Paced(double rps, double p50Millis, double p99Millis) {
        static Paced of(H2load.Run run) {
            return new Paced(run.report().requestsPerSecond(), run.latencies().percentileMillis(50),
                    run.latencies().percentileMillis(99));
        }
    }

    static ScenarioResult of(String scenario, String path, long bodyBytes, H2load.Run max, double pacedTarget,
            H2load.Run paced, H2load.Run spread, OptionalLong home, OptionalLong visited, String udmNode) {
        return new ScenarioResult(scenario, path, bodyBytes, max.report().requestsPerSecond(),
                max.latencies().percentileMillis(50), max.latencies().percentileMillis(99), pacedTarget,
                paced.report().requestsPerSecond(), paced.latencies().percentileMillis(50),
                paced.latencies().percentileMillis(99), home, visited, max.cpuMicrosPerRequest(),
                max.cpuMicrosPerRequest(name -> !name.equals(udmNode)), max.jitMicrosPerRequest(name -> !name.equals(udmNode)),
                Paced.of(spread), Stream.of(max, paced, spread)
                        .allMatch(r -> r.report().allSucceeded() && r.latencies().non2xx() == 0));
    }
}
