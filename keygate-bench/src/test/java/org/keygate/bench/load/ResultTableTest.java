package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The targets of issue 4 part 7 checked on given numbers, and the table row they come from. */
class ResultTableTest {
    private static ScenarioResult row(String label, double maxRps, double pacedP99, long homeKib, long visitedKib,
            double cpuMicros) {
        return new ScenarioResult(label, "path", 302, maxRps, 1.5, 9.5, maxRps / 2, maxRps / 2, 0.8, pacedP99,
                homeKib < 0 ? OptionalLong.empty() : OptionalLong.of(homeKib),
                visitedKib < 0 ? OptionalLong.empty() : OptionalLong.of(visitedKib), cpuMicros, true);
    }

    @Test
    void eachTargetIsHeldOrMissedByItsOwnNumbers() {
        List<ScenarioResult> rows = List.of(row("(a) direct", 10_000, 2.0, -1, -1, 100),
                row("(b) TLS mode", 5_000, 4.0, 300 * 1024, 600 * 1024, 250), // exactly 50 % of direct; CPU 40 %
                row("(c) PRINS", 2_900, 12.0, 200 * 1024, 200 * 1024, 400)); // 58 % of TLS mode; CPU 62.5 %
        assertThat(ResultTable.targets(rows)).containsExactly(
                "PRINS (c) >= 60 % of TLS mode (b): 58 % (2,900 / 5,000 req/s): MISSED",
                "  by CPU per request: 63 %: held",
                "TLS mode (b) >= 50 % of direct (a): 50 % (5,000 / 10,000 req/s): held",
                "  by CPU per request: 40 %: MISSED",
                "(a) direct: p99 at half the max rate 2.00 ms (target < 10 ms): held",
                "(b) TLS mode: p99 at half the max rate 4.00 ms (target < 10 ms): held",
                "(b) TLS mode: home SEPP peak RSS 300 MiB (target < 512 MiB): held",
                "(b) TLS mode: visited SEPP peak RSS 600 MiB (target < 512 MiB): MISSED",
                "(c) PRINS: p99 at half the max rate 12.00 ms (target < 10 ms): MISSED",
                "(c) PRINS: home SEPP peak RSS 200 MiB (target < 512 MiB): held",
                "(c) PRINS: visited SEPP peak RSS 200 MiB (target < 512 MiB): held");
    }

    @Test
    void theTableHasOneRowPerScenarioWithTheDirectRunsMemoryLeftBlank() {
        String table = ResultTable.markdown(List.of(row("(a) direct", 10_000, 2.0, -1, -1, 1234.4)));
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(2))
                .isEqualTo("| (a) direct | path | 10,000 | 1.50 / 9.50 | 5,000 (target 5,000) | 0.80 / 2.00 | - | - | 1,234 µs | yes |");
    }
}
