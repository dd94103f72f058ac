package org.keygate.sbi.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void portsAreDistinctBelowTheEphemeralRangeAndBindable() throws Exception {
        // The range as proc(5) documents the file: "low high"; read here, not through the class under test.
        int low = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim()
                .split("\\s+")[0]);
        int[] ports = FreePorts.loopback(50);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(50);
        assertThat(Arrays.stream(ports).boxed().toList()).allSatisfy(p -> assertThat(p).isBetween(10_000, low - 1));
        for (int p : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                assertThat(s.getLocalPort()).isEqualTo(p);
            }
        }
    }

    @Test
    void aPortIsNotHandedOutAgainByALaterCall() throws Exception {
        // Each call's ports are released before it returns: without memory, successive calls draw from the same
        // 20,000 or so ports, and 300 calls of 3 would repeat one with near certainty (birthday bound: 1 - e^-18).
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int call = 0; call < 300; call++) {
            for (int p : FreePorts.loopback(3)) {
                assertThat(seen.add(p)).as("port %d handed out twice in %d calls", p, call + 1).isTrue();
            }
        }
    }
}
