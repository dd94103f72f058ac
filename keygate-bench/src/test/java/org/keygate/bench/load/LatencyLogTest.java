package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Percentiles from h2load's per-request log. The expected durations were picked out of the recorded logs with
 * {@code sort -n -k3 | sed -n <rank>p} (nearest rank: ceil(p/100 * n)), and cross-checked against h2load's own
 * summary of the same runs (count, min, max).
 */
class LatencyLogTest {
    private static LatencyLog recorded(String name) throws IOException {
        return LatencyLog.parse(H2loadReportTest.resource(name).lines().toList());
    }

    @Test
    void theTimedRunsLogHasItsPercentilesAndAgreesWithItsSummary() throws IOException {
        LatencyLog log = recorded("timed.h2load.log");
        H2loadReport summary = H2loadReport.parse(H2loadReportTest.resource("timed.h2load.txt"));
        // Only the measured period is logged, not the warm-up: as many lines as requests done.
        assertThat((long) log.count()).isEqualTo(summary.done()).isEqualTo(356);
        assertThat(log.non2xx()).isZero();
        assertThat(log.percentileMillis(50)).isEqualTo(1284.566); // rank 178 of 356
        assertThat(log.percentileMillis(99)).isEqualTo(1699.521); // rank 353
        assertThat(log.percentileMillis(100)).isEqualTo(1959.485); // h2load: max 1.96s
    }

    @Test
    void theMixedRunCountsItsFailures() throws IOException {
        LatencyLog log = recorded("mixed.h2load.log");
        assertThat(log.count()).isEqualTo(20);
        assertThat(log.non2xx()).isEqualTo(10); // h2load: 10 4xx
        assertThat(log.percentileMillis(5)).isEqualTo(43.968); // rank 1; h2load: min 43.97ms
        assertThat(log.percentileMillis(50)).isEqualTo(77.095); // rank 10
        assertThat(log.percentileMillis(99)).isEqualTo(274.382); // rank 20; h2load: max 274.38ms
    }

    @Test
    void streamsWhoseStatusCameInTheWarmUpAreNoFailures() throws IOException {
        // The nghttpx pair's paced run of 2026-12-04 11:20 (h2load 1.52, 30 s warm-up): its summary counts 24 fewer 2xx
        // than requests done, all succeeded; its log (the first 80 of 187,966 lines kept here) has those 24 as status 0,
        // the streams opened first, each with a full duration.
        H2loadReport summary = H2loadReport.parse(H2loadReportTest.resource("headers-in-warm-up.h2load.txt"));
        assertThat(summary.done() - summary.status2xx()).isEqualTo(24);
        assertThat(summary.allSucceeded()).isTrue();
        List<LatencyLog.Entry> entries = LatencyLog.entries(H2loadReportTest.resource("headers-in-warm-up.h2load.log")
                .lines().toList());
        assertThat(entries.stream().filter(LatencyLog.Entry::statusInWarmUp).count()).isEqualTo(24);
        assertThat(LatencyLog.of(entries).non2xx()).isZero();
        // Any other status outside 2xx still counts.
        assertThat(LatencyLog.parse(List.of("1\t0\t5000", "2\t503\t5000", "3\t200\t5000")).non2xx()).isEqualTo(1);
    }

    @Test
    void nearestRankOnASmallSet() {
        List<String> lines = new ArrayList<>();
        // durations 1000, 2000, ..., 10000 us, written out of order
        for (int d : new int[] {7, 3, 10, 1, 5, 9, 2, 8, 4, 6}) {
            lines.add("1796168577966435\t200\t" + d * 1000);
        }
        LatencyLog log = LatencyLog.parse(lines);
        assertThat(log.percentileMillis(10)).isEqualTo(1.0);
        assertThat(log.percentileMillis(50)).isEqualTo(5.0);
        assertThat(log.percentileMillis(51)).isEqualTo(6.0);
        assertThat(log.percentileMillis(90)).isEqualTo(9.0);
        assertThat(log.percentileMillis(99)).isEqualTo(10.0);
    }

    @Test
    void aMalformedOrEmptyLogIsRefused() {
        assertThatThrownBy(() -> LatencyLog.parse(List.of("1796168577966435 200 1000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected: start");
        assertThatThrownBy(() -> LatencyLog.parse(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a request");
        LatencyLog one = LatencyLog.parse(List.of("1\t-1\t5000"));
        assertThat(one.non2xx()).isEqualTo(1);
        assertThatThrownBy(() -> one.percentileMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
