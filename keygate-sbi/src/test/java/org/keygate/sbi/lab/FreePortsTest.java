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
}
