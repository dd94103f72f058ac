package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts bench-load reads from issue 20's drivers (their lines as the drivers print them). */
class DaemonScenariosTest {
    @Test
    void theRelayHoldsOnlyAtOrBelowTheStunnelPairsCpuWithEveryMessageInOrder() {
        List<String> under = List.of("| 1024 | keygate MRFP | 9,000 | 2.0 µs | 1.0 | ok |",
                "1024-octet chunks: MRFP / stunnel4 pair CPU per message 0.85x, messages/s 0.90x",
                "32768-octet chunks: MRFP / stunnel4 pair CPU per message 1.00x, messages/s 0.70x");
        DaemonScenarios.Outcome ok = DaemonScenarios.relayVerdict("mrfp-relay", 0, under);
        assertThat(ok.holds()).isTrue();
        assertThat(ok.verdicts()).anyMatch(v -> v.startsWith("1024-octet messages: MRFP CPU per message 0.85x")
                && v.endsWith(": met"));

        List<String> over = List.of("1024-octet chunks: MRFP / stunnel4 pair CPU per message 101.15x, messages/s 0.09x",
                "32768-octet chunks: MRFP / stunnel4 pair CPU per message 0.90x, messages/s 0.61x");
        DaemonScenarios.Outcome missed = DaemonScenarios.relayVerdict("mrfp-relay", 0, over);
        assertThat(missed.holds()).isFalse();
        assertThat(missed.verdicts()).anyMatch(v -> v.contains("101.15x") && v.endsWith(": missed"));

        List<String> withReference = List.of(under.get(1), "1024-octet chunks, for reference against the octet relay"
                + " (plain participants): CPU per message 4.10x, messages/s 0.40x", under.get(2));
        assertThat(DaemonScenarios.relayVerdict("mrfp-relay", 0, withReference).holds())
                .as("the octet relay's row is for reference, not the verdict's").isTrue();

        assertThat(DaemonScenarios.relayVerdict("mrfp-relay", 1, under).holds()).as("a chunk lost").isFalse();
        assertThat(DaemonScenarios.relayVerdict("mrfp-relay", 0, List.of("Exception in thread main")).holds())
                .as("no ratio printed").isFalse();
    }

    @Test
    void theScriptsVerdictIsTheirExitCodeWithTheirVerdictLines() {
        List<String> lines = List.of("| 1.2 | PSK-AES128-GCM-SHA256 | 1949 | 481 us (370 + 110) | 3121 | 154 us | 3.1x |",
                "issue 20: TLS 1.2 PSK-AES128-GCM-SHA256: CPU per handshake 3.1x s_server's (at most 4x), handshakes/s"
                        + " 0.62x (at least 0.3x): met", "  after the drain: 10 of 10 chunks received");
        DaemonScenarios.Outcome ok = DaemonScenarios.driverVerdict("capif-psk", 0, lines);
        assertThat(ok.holds()).isTrue();
        assertThat(ok.verdicts()).contains(lines.get(1), "after the drain: 10 of 10 chunks received")
                .noneMatch(v -> v.startsWith("|"));
        assertThat(DaemonScenarios.driverVerdict("capif-psk", 1, lines).holds()).isFalse();
    }

    @Test
    void anUnknownScenarioIsNamed() {
        assertThat(DaemonScenarios.unknown(List.of("prins", "capif-psk", "capif-psc"), LoadBench.H2LOAD_SCENARIOS))
                .contains("capif-psc");
        assertThat(DaemonScenarios.unknown(List.of("prins", "mrfp-relay"), LoadBench.H2LOAD_SCENARIOS)).isEmpty();
    }
}
