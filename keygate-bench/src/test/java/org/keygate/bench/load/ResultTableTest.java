package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The targets of issue 10 checked on given numbers, and the table row they come from. */
class ResultTableTest {
    private static ScenarioResult row(String label, double maxRps, double pacedP99, long homeKib, long visitedKib,
            double cpuMicros, double proxyCpuMicros) {
        return row(label, maxRps, pacedP99, homeKib, visitedKib, cpuMicros, proxyCpuMicros, 0);
    }

    private static ScenarioResult row(String label, double maxRps, double pacedP99, long homeKib, long visitedKib,
            double cpuMicros, double proxyCpuMicros, double jitMicros) {
        return new ScenarioResult(label, "path", 302, maxRps, 1.5, 9.5, maxRps / 2, maxRps / 2, 0.8, pacedP99,
                homeKib < 0 ? OptionalLong.empty() : OptionalLong.of(homeKib),
                visitedKib < 0 ? OptionalLong.empty() : OptionalLong.of(visitedKib), cpuMicros, proxyCpuMicros,
                // The spread run: figures of its own (p99 half the paced run's and 0.25 ms), so a mix-up shows.
                jitMicros, new ScenarioResult.Paced(maxRps / 2 - 10, 0.6, pacedP99 / 2 + 0.25), true);
    }

    @Test
    void theJitCompilersShareIsShownBesideTheVerdictNotInIt() {
        List<ScenarioResult> rows = List.of(row("(n) nghttpx pair", 20_000, 3.0, 10 * 1024, 10 * 1024, 70, 30),
                row("(b) TLS mode", 12_000, 4.0, 200 * 1024, 200 * 1024, 150, 120, 33));
        assertThat(ResultTable.targets(rows)).contains(
                "(b) TLS mode: proxy CPU per request 4.0x the nghttpx pair's (120 / 30 µs; target <= 3x): MISSED",
                "(b) TLS mode: of it the JIT compilers' 33 µs; the requests' own 87 µs are 2.9x the nghttpx pair's");
        assertThat(ResultTable.markdown(rows).lines().toList().get(3)).contains("| 120 µs (JIT 33) |");
    }

    @Test
    void eachTargetIsHeldOrMissedAgainstTheNghttpxPair() {
        List<ScenarioResult> rows = List.of(row("(a) direct", 30_000, 2.0, -1, -1, 40, 40),
                row("(n) nghttpx pair", 20_000, 3.0, 10 * 1024, 10 * 1024, 70, 30),
                row("(b) TLS mode", 12_000, 4.0, 200 * 1024, 300 * 1024, 130, 90), // 0.6x rate, 3x CPU: both held
                row("(c) PRINS", 7_000, 12.0, 255 * 1024, 100 * 1024, 220, 180), // 0.35x rate, 6x CPU: missed
                row("(d) PRINS via IPX", 6_000, 30.0, 100 * 1024, 100 * 1024, 300, 260)); // 0.3x: held
        assertThat(ResultTable.targets(rows)).containsExactly(
                "(b) TLS mode: req/s 0.60x the nghttpx pair's (12,000 / 20,000; target >= 0.6x): held",
                "(b) TLS mode: proxy CPU per request 3.0x the nghttpx pair's (90 / 30 µs; target <= 3x): held",
                "(b) TLS mode: p99 at half the max rate 4.00 ms (target < 10 ms): held",
                "(b) TLS mode: p99 at half the max rate, the connections' ticks spread, 2.25 ms (target < 10 ms): held",
                "(b) TLS mode: home SEPP peak RSS 200 MiB (target < 256 MiB): held",
                "(b) TLS mode: visited SEPP peak RSS 300 MiB (target < 256 MiB): MISSED",
                "(c) PRINS: req/s 0.35x the nghttpx pair's (7,000 / 20,000; target >= 0.4x): MISSED",
                "(c) PRINS: proxy CPU per request 6.0x the nghttpx pair's (180 / 30 µs; target <= 5x): MISSED",
                "(c) PRINS: p99 at half the max rate 12.00 ms (target < 10 ms): MISSED",
                "(c) PRINS: p99 at half the max rate, the connections' ticks spread, 6.25 ms (target < 10 ms): held",
                "(c) PRINS: home SEPP peak RSS 255 MiB (target < 256 MiB): held",
                "(c) PRINS: visited SEPP peak RSS 100 MiB (target < 256 MiB): held",
                "(d) PRINS via IPX: req/s 0.30x the nghttpx pair's (6,000 / 20,000; target >= 0.3x): held",
                "(d) PRINS via IPX: home SEPP peak RSS 100 MiB (target < 256 MiB): held",
                "(d) PRINS via IPX: visited SEPP peak RSS 100 MiB (target < 256 MiB): held");
    }

    @Test
    void theTableComparesEachChainWithTheNghttpxPairAndLeavesTheDirectRunsProxyColumnsBlank() {
        String table = ResultTable.markdown(List.of(row("(a) direct", 10_000, 2.0, -1, -1, 1234.4, 1234.4),
                row("(n) nghttpx pair", 8_000, 2.0, 1024, 2048, 100, 40),
                row("(b) TLS mode", 4_000, 2.0, 1024, 2048, 300, 200)));
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).isEqualTo("| (a) direct | path | 10,000 | 1.50 / 9.50 | 5,000 (target 5,000) "
                + "| 0.80 / 2.00 | 4,990, 0.60 / 1.25 | - | - | 1,234 µs | - | - | yes |");
        assertThat(lines.get(3)).endsWith("| 1 MiB | 2 MiB | 100 µs | 40 µs | - | yes |");
        assertThat(lines.get(4)).endsWith("| 300 µs | 200 µs | 0.50x, 5.0x | yes |");
    }
}
