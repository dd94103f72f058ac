package org.keygate.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The results as the Markdown table of docs/PERFORMANCE.md, and the targets of issue 10 checked against them: each
 * keygate chain's rate and proxy CPU per request against the nghttpx pair's (TLS mode at least 0.6x the rate and at
 * most 3x the CPU, PRINS 0.4x and 5x, PRINS through the IPX 0.3x the rate), p99 under 10 ms at half the maximum rate
 * for TLS mode and PRINS (both paced runs: the connections' ticks together and spread), each SEPP under 256 MiB
 * resident.
 */
public final class ResultTable {
    static final double PACED_P99_MILLIS = 10;
    static final long RSS_LIMIT_KIB = 256 * 1024;

    /** A keygate chain's targets relative to the nghttpx pair (issue 10); NaN: no CPU target. */
    private record Target(String label, double minRateRatio, double maxCpuRatio, boolean tail) {}

    private static final List<Target> TARGETS = List.of(new Target("(b)", 0.6, 3, true),
            new Target("(c)", 0.4, 5, true), new Target("(d)", 0.3, Double.NaN, false));

    private ResultTable() {}

    public static String markdown(List<ScenarioResult> rows) {
        Optional<ScenarioResult> ref = find(rows, NGHTTPX);
        StringBuilder b = new StringBuilder();
        b.append("| scenario | path | max req/s | p50 / p99 at max (ms) | paced at half: req/s | p50 / p99 at half (ms) "
                + "| the same, ticks spread: req/s, p50 / p99 (ms) "
                + "| home proxy peak RSS | visited proxy peak RSS | node CPU per request | proxy CPU per request "
                + "| vs nghttpx: req/s, CPU | all 2xx |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f / %.2f | %,.0f (target %,.0f) | %.2f / %.2f "
                    + "| %,.0f, %.2f / %.2f | %s | %s | %,.0f µs | %s | %s | %s |%n", r.scenario(), r.path(), r.maxRps(),
                    r.maxP50Millis(), r.maxP99Millis(), r.pacedRps(), r.pacedTargetRps(), r.pacedP50Millis(),
                    r.pacedP99Millis(), r.spread().rps(), r.spread().p50Millis(), r.spread().p99Millis(),
                    mib(r.homeSeppPeakRssKib()), mib(r.visitedSeppPeakRssKib()), r.cpuMicrosPerRequest(),
                    r.homeSeppPeakRssKib().isPresent() ? proxyCpu(r) : "-",
                    ref.filter(n -> r.homeSeppPeakRssKib().isPresent() && n != r).map(n -> String.format(Locale.ROOT,
                            "%.2fx, %.1fx", r.maxRps() / n.maxRps(), r.proxyCpuMicrosPerRequest()
                                    / n.proxyCpuMicrosPerRequest())).orElse("-"),
                    r.allSucceeded() ? "yes" : "NO"));
        }
        return b.toString();
    }

    /** The proxies' CPU per request, and the JIT compilers' part of it when they were still at work. */
    private static String proxyCpu(ScenarioResult r) {
        String cpu = String.format(Locale.ROOT, "%,.0f µs", r.proxyCpuMicrosPerRequest());
        return r.proxyJitMicrosPerRequest() < 0.5 ? cpu
                : cpu + String.format(Locale.ROOT, " (JIT %,.0f)", r.proxyJitMicrosPerRequest());
    }

    /** The nghttpx pair's label prefix. */
    static final String NGHTTPX = "(n)";

    /** One line per target: held or missed, with the numbers. Scenarios are found by their label's prefix. */
    public static List<String> targets(List<ScenarioResult> rows) {
        List<String> out = new ArrayList<>();
        Optional<ScenarioResult> ref = find(rows, NGHTTPX);
        for (Target t : TARGETS) {
            Optional<ScenarioResult> row = find(rows, t.label());
            if (row.isEmpty()) {
                continue;
            }
            ScenarioResult r = row.get();
            if (ref.isPresent()) {
                double rate = r.maxRps() / ref.get().maxRps();
                out.add(String.format(Locale.ROOT, "%s: req/s %.2fx the nghttpx pair's (%,.0f / %,.0f; target >= %.1fx): %s",
                        r.scenario(), rate, r.maxRps(), ref.get().maxRps(), t.minRateRatio(),
                        verdict(rate >= t.minRateRatio())));
                if (!Double.isNaN(t.maxCpuRatio())) {
                    double cpu = r.proxyCpuMicrosPerRequest() / ref.get().proxyCpuMicrosPerRequest();
                    out.add(String.format(Locale.ROOT, "%s: proxy CPU per request %.1fx the nghttpx pair's (%,.0f / "
                            + "%,.0f µs; target <= %.0fx): %s", r.scenario(), cpu, r.proxyCpuMicrosPerRequest(),
                            ref.get().proxyCpuMicrosPerRequest(), t.maxCpuRatio(), verdict(cpu <= t.maxCpuRatio())));
                    if (r.proxyJitMicrosPerRequest() >= 0.5) {
                        // Not a verdict: how far the run was from the JVMs' steady state (a longer --warmup nears it).
                        double steady = r.proxyCpuMicrosPerRequest() - r.proxyJitMicrosPerRequest();
                        out.add(String.format(Locale.ROOT, "%s: of it the JIT compilers' %,.0f µs; the requests' own "
                                + "%,.0f µs are %.1fx the nghttpx pair's", r.scenario(), r.proxyJitMicrosPerRequest(),
                                steady, steady / ref.get().proxyCpuMicrosPerRequest()));
                    }
                }
            }
            if (t.tail()) {
                out.add(String.format(Locale.ROOT, "%s: p99 at half the max rate %.2f ms (target < %.0f ms): %s",
                        r.scenario(), r.pacedP99Millis(), PACED_P99_MILLIS,
                        verdict(r.pacedP99Millis() < PACED_P99_MILLIS)));
                out.add(String.format(Locale.ROOT, "%s: p99 at half the max rate, the connections' ticks spread, %.2f "
                        + "ms (target < %.0f ms): %s", r.scenario(), r.spread().p99Millis(), PACED_P99_MILLIS,
                        verdict(r.spread().p99Millis() < PACED_P99_MILLIS)));
            }
            rss(out, r, "home", r.homeSeppPeakRssKib());
            rss(out, r, "visited", r.visitedSeppPeakRssKib());
        }
        return out;
    }

    private static void rss(List<String> out, ScenarioResult r, String sepp, OptionalLong kib) {
        if (kib.isPresent()) {
            out.add(String.format(Locale.ROOT, "%s: %s SEPP peak RSS %s (target < 256 MiB): %s", r.scenario(), sepp,
                    mib(kib), verdict(kib.getAsLong() < RSS_LIMIT_KIB)));
        }
    }

    private static Optional<ScenarioResult> find(List<ScenarioResult> rows, String label) {
        return rows.stream().filter(r -> r.scenario().startsWith(label)).findFirst();
    }

    private static String verdict(boolean held) {
        return held ? "held" : "MISSED";
    }

    static String mib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", kib.getAsLong() / 1024.0) : "-";
    }
}
