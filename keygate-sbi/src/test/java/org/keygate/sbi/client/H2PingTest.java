package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SbiClientConnection#ping}: an HTTP/2 PING (RFC 9113 6.7) answered by a server that is not Netty's
 * ({@link RawH2Server}, raw frames), and one the server stops acknowledging while the socket stays open: the hang a
 * keepalive exists to find (the N32-c keepalive, docs/N32C.md).
 */
class H2PingTest {
    private RawH2Server server;
    private SbiClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private SbiClientConnection connect() throws Exception {
        server = new RawH2Server((connection, request) -> new RawH2Server.Answer(0));
        client = SbiClient.builder().cleartext().build();
        return client.connect(server.address()).get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachPingIsAcknowledgedByTheServer() throws Exception {
        SbiClientConnection c = connect();
        for (int i = 0; i < 3; i++) {
            c.ping(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        }
        assertThat(server.pings.get()).isEqualTo(3);
    }

    @Test
    void aServerThatStopsAcknowledgingIsFoundWhileTheSocketStaysOpen() throws Exception {
        SbiClientConnection c = connect();
        c.ping(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        server.acknowledgesPings = false;
        assertThatThrownBy(() -> c.ping(Duration.ofMillis(300)).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class)
                .hasMessageContaining("no PING acknowledgement within 300 ms");
        assertThat(server.pings.get()).isEqualTo(2);
        assertThat(c.closeFuture().toCompletableFuture().isDone()).isFalse();
    }

    @Test
    void aPingOnAClosedConnectionFails() throws Exception {
        SbiClientConnection c = connect();
        c.close();
        c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> c.ping(Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("closed");
    }
}
