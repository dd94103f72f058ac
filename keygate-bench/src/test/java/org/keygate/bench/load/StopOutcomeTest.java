package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopOutcomeTest {
    private static final long SIGTERM = 1_000_000_000L;

    @Test
    void countsTheRequestsAcrossTheSigtermByHowTheyEnded() {
        // start, status, duration (µs): two before the SIGTERM, five across it, one after it.
        List<LatencyLog.Entry> log = LatencyLog.entries(List.of(
                "999000000\t200\t1000",
                "999990000\t200\t9000",
                "999995000\t200\t15000",
                "999996000\t503\t4500",
                "999997000\t404\t3500",
                "999998000\t-1\t40000000000", // never sent: h2load's duration is the machine's uptime
                "999999000\t200\t61000",
                "", // blank lines are skipped
                "1000001000\t-1\t100"));

        StopOutcome o = StopOutcome.of(log, SIGTERM, 5);

        assertThat(o.inFlight()).isEqualTo(5);
        assertThat(o.answered2xx()).isEqualTo(2);
        assertThat(o.answered503()).isEqualTo(1);
        assertThat(o.answeredOther()).isEqualTo(1);
        assertThat(o.noAnswer()).isEqualTo(1);
        // h2load's summary says 5 errored, its log has 2 lines of status -1: 3 were given up unlogged.
        assertThat(o.abandoned()).isEqualTo(3);
        assertThat(o.longestWait()).isEqualTo(Duration.ofMillis(61));
        assertThat(o.latestEndAfterSigterm()).isEqualTo(Duration.ofMillis(60));
    }

    @Test
    void aQuietStopHasNothingInFlight() {
        StopOutcome o = StopOutcome.of(LatencyLog.entries(List.of("999000000\t200\t1000")), SIGTERM, 0);
        assertThat(o.inFlight()).isZero();
        assertThat(o.abandoned()).isZero();
        assertThat(o.latestEndAfterSigterm()).isEqualTo(Duration.ZERO);
    }
}
