package org.keygate.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The results as the Markdown table of docs/PERFORMANCE.md, and the issue 4 targets checked against them: PRINS at
 * least 60 % of TLS mode, TLS mode at least 50 % of direct, p99 under 10 ms at half the maximum rate, each SEPP
 * under 512 MiB resident.
 */
public final class ResultTable {
    static final double PRINS_OF_TLS = 0.60;
    static final double TLS_OF_DIRECT = 0.50;
    static final double PACED_P99_MILLIS = 10;
    static final long RSS_LIMIT_KIB = 512 * 1024;

    private ResultTable() {}

    public static String markdown(List<ScenarioResult> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | path | max req/s | p50 / p99 at max (ms) | paced at half: req/s | p50 / p99 at half (ms) "
                + "| home SEPP peak RSS | visited SEPP peak RSS | node CPU per request | all 2xx |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (ScenarioResult r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f / %.2f | %,.0f (target %,.0f) | %.2f / %.2f "
                    + "| %s | %s | %,.0f µs | %s |%n", r.scenario(), r.path(), r.maxRps(), r.maxP50Millis(),
                    r.maxP99Millis(), r.pacedRps(), r.pacedTargetRps(), r.pacedP50Millis(), r.pacedP99Millis(),
                    mib(r.homeSeppPeakRssKib()), mib(r.visitedSeppPeakRssKib()), r.cpuMicrosPerRequest(),
                    r.allSucceeded() ? "yes" : "NO"));
        }
        return b.toString();
    }

    /**
     * One line per target: held or missed, with the numbers. Scenarios are found by their label's first letter. The
     * two rate ratios are also given by CPU time per request (what the nodes would reach on cores of their own, h2load
     * aside), for a machine shared with other work.
     */
    public static List<String> targets(List<ScenarioResult> rows) {
        List<String> out = new ArrayList<>();
        Optional<ScenarioResult> direct = find(rows, "(a)");
        Optional<ScenarioResult> tls = find(rows, "(b)");
        Optional<ScenarioResult> prins = find(rows, "(c)");
        if (tls.isPresent() && prins.isPresent()) {
            out.add(ratio("PRINS (c) >= 60 % of TLS mode (b)", prins.get().maxRps(), tls.get().maxRps(), PRINS_OF_TLS));
            out.add(ratio("  by CPU per request", 1 / prins.get().cpuMicrosPerRequest(),
                    1 / tls.get().cpuMicrosPerRequest(), PRINS_OF_TLS));
        }
        if (direct.isPresent() && tls.isPresent()) {
            out.add(ratio("TLS mode (b) >= 50 % of direct (a)", tls.get().maxRps(), direct.get().maxRps(),
                    TLS_OF_DIRECT));
            out.add(ratio("  by CPU per request", 1 / tls.get().cpuMicrosPerRequest(),
                    1 / direct.get().cpuMicrosPerRequest(), TLS_OF_DIRECT));
        }
        for (ScenarioResult r : rows) {
            out.add(String.format(Locale.ROOT, "%s: p99 at half the max rate %.2f ms (target < %.0f ms): %s",
                    r.scenario(), r.pacedP99Millis(), PACED_P99_MILLIS, verdict(r.pacedP99Millis() < PACED_P99_MILLIS)));
            rss(out, r, "home", r.homeSeppPeakRssKib());
            rss(out, r, "visited", r.visitedSeppPeakRssKib());
        }
        return out;
    }

    private static void rss(List<String> out, ScenarioResult r, String sepp, OptionalLong kib) {
        if (kib.isPresent()) {
            out.add(String.format(Locale.ROOT, "%s: %s SEPP peak RSS %s (target < 512 MiB): %s", r.scenario(), sepp,
                    mib(kib), verdict(kib.getAsLong() < RSS_LIMIT_KIB)));
        }
    }

    private static String ratio(String what, double part, double whole, double target) {
        double r = whole > 0 && Double.isFinite(whole) ? part / whole : 0;
        if (what.startsWith("  by CPU")) {
            return String.format(Locale.ROOT, "%s: %.0f %%: %s", what, 100 * r, verdict(r >= target));
        }
        return String.format(Locale.ROOT, "%s: %.0f %% (%,.0f / %,.0f req/s): %s", what, 100 * r, part, whole,
                verdict(r >= target));
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
