package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * The HTTP/2 windows keygate advertises (issue 19: a peer that mishandles small windows fails under load): nghttp, an
 * independent HTTP/2 implementation, sees SETTINGS_INITIAL_WINDOW_SIZE 1 MiB and a connection WINDOW_UPDATE to 8 MiB;
 * and far more than the protocol's 65,535-octet windows flows both ways on one connection, so the windows are also
 * given back as they are used.
 */
class FlowControlWindowsTest {
    private static final InetSocketAddress ANY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private SbiServer server;
    private SbiClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        byte[] answer = new byte[16 * 1024];
        server = SbiServer.builder().bind(ANY).cleartext().maxRequestBodyBytes(64 * 1024)
                .handler((r, c) -> CompletableFuture.completedFuture(SbiResponse.json(200, answer))).build().start();
    }

    @Test
    void nghttpSeesTheLargeWindowsTheServerAdvertises() throws Exception {
        start();
        Process p = new ProcessBuilder("nghttp", "-v", "-n", "http://127.0.0.1:" + server.localAddress().getPort()
                + "/x").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("SETTINGS_INITIAL_WINDOW_SIZE(0x04):1048576")
                .containsPattern("recv WINDOW_UPDATE frame <length=4, flags=0x00, stream_id=0>\\s+\\(window_size_increment="
                        + (8 * 1024 * 1024 - 65_535) + "\\)");
    }

    @Test
    void megabytesFlowBothWaysOnOneCleartextConnection() throws Exception {
        start();
        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build();
        SbiClientConnection c = client.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        byte[] body = new byte[16 * 1024];
        List<CompletableFuture<SbiResponse>> all = new ArrayList<>();
        for (int i = 0; i < 256; i++) { // 4 MiB each way, 64 times the protocol's initial windows
            all.add(c.send(SbiRequest.json("POST", "/echo", body), "localhost", "http"));
        }
        for (CompletableFuture<SbiResponse> f : all) {
            assertThat(f.get(30, TimeUnit.SECONDS).body()).hasSize(16 * 1024);
        }
    }
}
