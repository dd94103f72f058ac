package org.keygate.sbi.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void sigtermEndsTheProcessWith143AndARestartWaitsForItsOwnOutput(@TempDir Path dir) throws Exception {
        // A shell that prints, then sleeps until SIGTERM (exit status 128 + 15); the count of starts tells runs apart.
        Path count = dir.resolve("count");
        try (LabProcess p = LabProcess.of("sleeper", List.of("sh", "-c",
                "echo x >> " + count + "; echo \"ready $(wc -l < " + count + ")\"; exec sleep 60"), dir, BOUND)) {
            p.start().awaitLog("ready 1", BOUND);
            assertThat(p.alive()).isTrue();
            assertThat(p.stop()).isEqualTo(143);
            p.start();
            assertThatThrownBy(() -> p.awaitLog("ready 1", Duration.ofMillis(300))).isInstanceOf(IOException.class)
                    .hasMessageContaining("sleeper did not print \"ready 1\"");
            p.awaitLog("ready 2", BOUND);
            p.kill();
            assertThat(p.exitCode()).as("SIGKILL: 128 + 9").isEqualTo(137);
            assertThat(Files.readAllLines(dir.resolve("sleeper.log"))).containsSubsequence("ready 1", "ready 2");
        }
    }

    @Test
    void waitingForAProcessThatExitedFailsWithItsOutput(@TempDir Path dir) throws Exception {
        int unused = FreePorts.loopback(1)[0];
        try (LabProcess p = LabProcess.of("quitter", List.of("sh", "-c", "echo cannot start; exit 3"), dir, BOUND)) {
            p.start();
            assertThatThrownBy(() -> p.awaitListening(List.of(new InetSocketAddress("127.0.0.1", unused)), BOUND))
                    .isInstanceOf(IOException.class).hasMessageContaining("quitter exited with 3")
                    .hasMessageContaining("cannot start");
        }
    }
}
