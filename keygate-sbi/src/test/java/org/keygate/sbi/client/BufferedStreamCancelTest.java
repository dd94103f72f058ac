package org.keygate.sbi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;

/**
 * A request that waits for a stream slot (the server allows one stream at a time, RFC 9113 5.1.2) and whose caller
 * goes away before it gets one is dropped without anything sent: the server never sees it, and the connection goes on
 * with the next request.
 */
class BufferedStreamCancelTest {
    @Test
    void aCancelledRequestWaitingForAStreamSlotNeverReachesTheServer() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<SbiResponse> release = new CompletableFuture<>();
        SbiServer server = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .maxConcurrentStreams(1).handler((r, c) -> {
                    seen.add(r.path());
                    return r.path().equals("/a") ? release
                            : CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes()));
                }).build().start();
        try (server; SbiClient client = SbiClient.builder().cleartext().build()) {
            SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
            CompletableFuture<SbiResponse> a = c.send(request("/a"), "nf.example", "http");
            for (int i = 0; i < 200 && seen.isEmpty(); i++) {
                Thread.sleep(10); // until /a holds the one stream the server allows
            }
            assertThat(seen).containsExactly("/a");
            SbiCall call = SbiCall.open();
            CompletableFuture<SbiResponse> b = call.bind(() -> c.send(request("/b"), "nf.example", "http"));
            call.cancel();
            assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
            release.complete(SbiResponse.json(200, "{}".getBytes()));
            assertThat(a.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(c.send(request("/c"), "nf.example", "http").get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(seen).as("requests the server saw").containsExactly("/a", "/c");
        }
    }

    private static SbiRequest request(String path) {
        return new SbiRequest("POST", path, SbiHeaders.of("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
