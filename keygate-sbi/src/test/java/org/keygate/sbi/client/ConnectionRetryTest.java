package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * Issue 19, item 2: what a peer certainly did not process (its GOAWAY's last-stream-id below the stream, or
 * REFUSED_STREAM; RFC 9113 6.8, 8.7) is sent once more on a new connection; what it may have processed is not, and
 * its failure names the cause. The peer is a raw-frame HTTP/2 server ({@link RawH2Server}) that counts what it read.
 */
class ConnectionRetryTest {
    private RawH2Server server;
    private SbiClient client;
    private SbiConnectionPool<String> pool;

    @AfterEach
    void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(RawH2Server.Script script) throws Exception {
        server = new RawH2Server(script);
        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(10)).build();
        pool = new SbiConnectionPool<>(null, peer -> client.connect(server.address()));
    }

    private CompletableFuture<SbiResponse> send() {
        return pool.exchange("peer", c -> c.send(SbiRequest.json("GET", "/nudm-sdm/v2/x", new byte[0]),
                "udm.example.org", "http"));
    }

    private static SbiResponse answer(CompletableFuture<SbiResponse> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aStreamAboveTheLastStreamIdOfAGoawayIsSentAgainOnANewConnection() throws Exception {
        start((connection, request) -> connection == 0 ? new RawH2Server.GoAwayBelow() : new RawH2Server.Answer(5));
        SbiResponse r = answer(send());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).hasSize(5);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void theStreamsAGoawayLeftUnprocessedAreRetriedAndTheProcessedOneIsAnswered() throws Exception {
        // Connection 0 answers its first stream, then sends GOAWAY with that stream as the last it processes.
        start((connection, request) -> connection == 0 && request == 1 ? new RawH2Server.GoAwayBelow()
                : new RawH2Server.Answer(7));
        SbiClientConnection c = pool.connection("peer").get(10, TimeUnit.SECONDS);
        List<CompletableFuture<SbiResponse>> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(pool.exchange("peer", x -> x.send(SbiRequest.json("GET", "/nudm-sdm/v2/x", new byte[0]),
                    "udm.example.org", "http")));
        }
        for (CompletableFuture<SbiResponse> f : all) {
            assertThat(answer(f).status()).isEqualTo(200);
        }
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requests()).isEqualTo(4); // stream 1 answered, 3 refused by GOAWAY, 3 and 5 again on the new one
        assertThat(c.acceptsNewStreams()).isFalse();
    }

    @Test
    void aRefusedStreamIsSentAgainOnANewConnection() throws Exception {
        start((connection, request) -> connection == 0 ? new RawH2Server.Refuse() : new RawH2Server.Answer(3));
        assertThat(answer(send()).status()).isEqualTo(200);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void anUnprocessedRequestIsSentAgainOnlyOnce() throws Exception {
        start((connection, request) -> new RawH2Server.Refuse());
        assertThatThrownBy(() -> answer(send())).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnprocessedRequestException.class).hasMessageContaining("REFUSED_STREAM");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void aRequestThePeerMayHaveProcessedIsNotSentAgainAndItsFailureNamesTheCause() throws Exception {
        start((connection, request) -> new RawH2Server.ResetProcessed());
        assertThatThrownBy(() -> answer(send())).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(UnprocessedRequestException.class)
                .hasMessageContaining("reset the stream (INTERNAL_ERROR)").hasMessageContaining("may have been processed");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(1);
    }
}
