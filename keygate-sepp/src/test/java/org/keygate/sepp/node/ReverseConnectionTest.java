package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;

/**
 * TS 33.501 13.2.2.2 step 5 (seed 000 step 5): after the handshake the responding SEPP (home) opens its own N32-c
 * connection toward the initiator (visited), and opens it again when it drops. Seen from the visited SEPP's N32-c
 * server: its count of open connections.
 */
class ReverseConnectionTest {
    @TempDir
    Path dir;

    SeppNode home;
    SeppNode visited;

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    private static double inboundN32c(SeppNode node) {
        var gauge = node.meters().find("keygate_sbi_connections_active").tag("server", "n32c-visited").gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static void awaitInbound(SeppNode node, double expected) throws InterruptedException {
        for (int i = 0; i < 100 && inboundN32c(node) != expected; i++) {
            Thread.sleep(100);
        }
        assertThat(inboundN32c(node)).isEqualTo(expected);
    }

    @Test
    void theResponderOpensItsConnectionAfterTheHandshakeAndAgainWhenItDrops() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        SeppConfig visitedConfig = sepps.visited(TestSepps.PRINS_FIRST);
        visited = SeppNode.start(visitedConfig, Clock.systemUTC());
        assertThat(inboundN32c(visited)).isZero();

        visited.establish("home").get(30, TimeUnit.SECONDS);
        // No n32f-error was needed: the home SEPP opened its connection on its own.
        awaitInbound(visited, 1);

        // The connection drops (the visited SEPP restarts); the home SEPP's context lives on, so it reconnects.
        visited.close();
        visited = SeppNode.start(visitedConfig, Clock.systemUTC());
        awaitInbound(visited, 1);
    }
}
