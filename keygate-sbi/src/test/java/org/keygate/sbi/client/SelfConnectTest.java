package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a client whose source port is the port it dials, with nobody listening there, gets a TCP
 * connection to itself (simultaneous open); the kernel does this by chance when it picks the source port, here the
 * test picks it. The client must refuse that connection instead of speaking HTTP/2 to itself and holding the port.
 */
class SelfConnectTest {
    @Test
    void aConnectionToItselfIsRefusedAndThePortReleased() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, lo)) {
            port = free.getLocalPort();
        }
        InetSocketAddress self = new InetSocketAddress(lo, port);
        try (SbiClient client = SbiClient.builder().cleartext().localAddress(self).build()) {
            assertThatThrownBy(() -> client.connect(self).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(java.net.ConnectException.class).hasMessageContaining("TCP self-connect");
        }
        // The port is free again for the server that belongs there (bounded: the close is asynchronous).
        boolean bound = false;
        for (int i = 0; i < 100 && !bound; i++) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(self);
                bound = true;
            } catch (java.net.BindException e) {
                Thread.sleep(50);
            }
        }
        assertThat(bound).isTrue();
    }
}
