package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where the stop benchmark reads the end of the drain: the timestamp of the SEPP's ServerDrain line. */
class StopUnderLoadTest {
    @Test
    void theDrainEndsAtTheTimestampOfTheLineThatReportsIt() {
        String log = """
                java -jar keygate.jar sepp --config prins-visited.yaml
                2026-12-03T13:28:00.100Z INFO  [main] o.k.s.node.SeppNode - SEPP visited serving
                2026-12-03T13:28:00.629Z INFO  [keygate-shutdown] o.k.s.s.ServerDrain - SEPP visited: stopping: 128 \
                request(s) in progress at the stop, every one answered after 3140 ms
                """;
        int at = log.indexOf("stopping: 128");
        assertThat(StopUnderLoad.drainLineTime(log, at)).isEqualTo(Instant.parse("2026-12-03T13:28:00.629Z"));
        assertThat(StopUnderLoad.drainLineTime(log, log.indexOf("--config"))).as("no timestamp").isNull();
    }
}
