package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * Issue 19, item 1: a peer whose HTTP/2 server fails the connection when an answer does not fit the window the client
 * left it (Open5GS's N32-f server under load) never trips on keygate's client, because the client advertises windows
 * larger than any answer in flight. The same server does trip on a client with the protocol's 65,535-octet windows,
 * which is what keygate advertised before (commit 22eb26c): the server really checks.
 */
class PeerFlowControlTest {
    /** 32 streams in flight (h2load -m 32) with 96 KiB answers: 3 MiB, beyond 64 KiB per stream and connection. */
    private static final int STREAMS = 32;
    private static final int ANSWER = 96 * 1024;
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

    private List<CompletableFuture<SbiResponse>> burst(H2Settings h2) throws Exception {
        server = new RawH2Server((connection, request) -> new RawH2Server.Answer(ANSWER));
        client = SbiClient.builder().cleartext().h2(h2).requestTimeout(Duration.ofSeconds(20)).build();
        SbiClientConnection c = client.connect(server.address()).get(10, TimeUnit.SECONDS);
        List<CompletableFuture<SbiResponse>> all = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            all.add(c.send(SbiRequest.json("GET", "/nudm-sdm/v2/x", new byte[0]), "udm.example.org", "http"));
        }
        for (CompletableFuture<SbiResponse> f : all) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // asserted by the caller
            }
        }
        return all;
    }

    @Test
    void everyAnswerFitsTheWindowsKeygateAdvertises() throws Exception {
        for (CompletableFuture<SbiResponse> f : burst(H2Settings.DEFAULT)) {
            assertThat(f.join().status()).isEqualTo(200);
            assertThat(f.join().body()).hasSize(ANSWER);
        }
        assertThat(server.windowFaults).isEmpty();
        assertThat(server.answers()).isEqualTo(STREAMS);
    }

    @Test
    void theServerFailsTheConnectionOfAClientWithTheProtocolsDefaultWindows() throws Exception {
        List<CompletableFuture<SbiResponse>> all = burst(
                new H2Settings(H2Settings.PROTOCOL_DEFAULT_WINDOW, H2Settings.PROTOCOL_DEFAULT_WINDOW));
        assertThat(server.windowFaults).hasSize(1).first().asString().contains("window of 65535");
        assertThat(all).allMatch(CompletableFuture::isCompletedExceptionally);
    }
}
