package org.keygate.bench.load;

import java.util.OptionalLong;

/**
 * One scenario's numbers: the maximum rate with its latency percentiles, the paced run at half that rate, the peak
 * resident memory of each proxy (home and visited side; empty for the direct run), the CPU time all nodes (UDM and
 * proxies, not h2load) and the proxies alone spent per request during the maximum run (and of it, the proxies' JIT
 * compilers), and whether every request of both runs got a 2xx.
 */
public record ScenarioResult(String scenario, String path, long bodyBytes, double maxRps, double maxP50Millis,
        double maxP99Millis, double pacedTargetRps, double pacedRps, double pacedP50Millis, double pacedP99Millis,
        OptionalLong homeSeppPeakRssKib, OptionalLong visitedSeppPeakRssKib, double cpuMicrosPerRequest,
        double proxyCpuMicrosPerRequest, double proxyJitMicrosPerRequest, boolean allSucceeded) {

    static ScenarioResult of(String scenario, String path, long bodyBytes, H2load.Run max, double pacedTarget,
            H2load.Run paced, OptionalLong home, OptionalLong visited, String udmNode) {
        return new ScenarioResult(scenario, path, bodyBytes, max.report().requestsPerSecond(),
                max.latencies().percentileMillis(50), max.latencies().percentileMillis(99), pacedTarget,
                paced.report().requestsPerSecond(), paced.latencies().percentileMillis(50),
                paced.latencies().percentileMillis(99), home, visited, max.cpuMicrosPerRequest(),
                max.cpuMicrosPerRequest(name -> !name.equals(udmNode)), max.jitMicrosPerRequest(name -> !name.equals(udmNode)),
                max.report().allSucceeded() && paced.report().allSucceeded()
                        && max.latencies().non2xx() == 0 && paced.latencies().non2xx() == 0);
    }
}
