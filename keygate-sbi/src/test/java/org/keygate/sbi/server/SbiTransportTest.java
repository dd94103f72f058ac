package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/** SbiServer and SbiClient on loopback, and the server against peers nobody here wrote (JDK client, curl). */
class SbiTransportTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final Set<String> connectionIds = ConcurrentHashMap.newKeySet();
    private final Set<String> serverExports = ConcurrentHashMap.newKeySet();
    private SbiServer server;
    private SbiClient client;

    /** Echoes method and path; "/slow" never answers, "/boom" throws. */
    private CompletableFuture<SbiResponse> handle(SbiRequest r, SbiConnection c) {
        connectionIds.add(c.id());
        c.tlsSession().ifPresent(s -> serverExports.add(export(s)));
        return switch (r.pathWithoutQuery()) {
            case "/slow" -> new CompletableFuture<>();
            case "/boom" -> throw new IllegalStateException("handler bug");
            default -> CompletableFuture.completedFuture(SbiResponse.json(200,
                    ("{\"method\":\"" + r.method() + "\",\"bytes\":" + r.body().length + ",\"protocol\":\""
                            + c.protocol() + "\"}").getBytes(StandardCharsets.UTF_8)));
        };
    }

    private static String export(SSLSession s) {
        try {
            return HexFormat.of().formatHex(((ExtendedSSLSession) s)
                    .exportKeyingMaterialData("EXPORTER_3GPP_N32_MASTER", new byte[0], 64));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startTls(TestTls tls) {
        server = SbiServer.builder().bind(ANY_PORT).tls(tls.server.sslContext(), tls.server.serverParameters())
                .maxRequestBodyBytes(1024).handler(this::handle).build().start();
        client = SbiClient.builder().tls(tls.client.sslContext()).requestTimeout(Duration.ofSeconds(2)).build();
    }

    private void startCleartext() {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().maxRequestBodyBytes(1024).handler(this::handle)
                .build().start();
        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(2)).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void requestsShareOneConnectionAndBothEndsExportTheSameKey(String protocol) throws Exception {
        TestTls tls = new TestTls(List.of(protocol));
        startTls(tls);
        SbiClientConnection c = client.connect(server.localAddress(),
                tls.client.clientParameters(TestTls.PLMN.seppFqdn())).get(10, TimeUnit.SECONDS);
        SbiResponse first = c.send(SbiRequest.json("POST", "/a", "{}".getBytes()), "localhost", "https")
                .get(10, TimeUnit.SECONDS);
        SbiResponse second = c.send(SbiRequest.json("POST", "/b", "{}".getBytes()), "localhost", "https")
                .get(10, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).contains("\"protocol\":\"h2\"");
        assertThat(connectionIds).hasSize(1);
        assertThat(c.tlsSession().orElseThrow().getProtocol()).isEqualTo(protocol);
        assertThat(serverExports).containsExactly(export(c.tlsSession().orElseThrow()));
        assertThat(c.peerCertificates()).hasSize(2);
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        startCleartext();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        SbiResponse rsp = c.send(SbiRequest.json("PUT", "/x", "{\"a\":1}".getBytes()), "localhost", "http")
                .get(10, TimeUnit.SECONDS);
        assertThat(new String(rsp.body(), StandardCharsets.UTF_8)).contains("\"method\":\"PUT\"", "\"bytes\":7",
                "\"protocol\":\"h2c\"");
    }

    @Test
    void theJdkClientSpeaksHttp11AndH2cUpgradeToTheCleartextServer() throws Exception {
        startCleartext();
        URI uri = URI.create("http://127.0.0.1:" + server.localAddress().getPort() + "/x");
        for (HttpClient.Version v : HttpClient.Version.values()) {
            HttpResponse<String> rsp = HttpClient.newBuilder().version(v).build().send(
                    HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rsp.statusCode()).as(v.toString()).isEqualTo(200);
        }
    }

    /**
     * RFC 7540 3.2: curl asks for h2c by Upgrade; the request that asked is answered on stream 1 as HTTP/2, with its
     * method and body (curl -v prints the 101 and the HTTP/2 answer).
     */
    @Test
    void curlUpgradesToH2cAndItsFirstRequestIsAnsweredAsHttp2() throws Exception {
        startCleartext();
        Process p = new ProcessBuilder("curl", "-sS", "-v", "--http2", "-X", "PUT", "-d", "{\"a\":1}", "-H",
                "content-type: application/json", "http://127.0.0.1:" + server.localAddress().getPort() + "/u")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("HTTP/1.1 101", "HTTP/2 200", "\"method\":\"PUT\"", "\"bytes\":7",
                "\"protocol\":\"h2c\"");
    }

    @Test
    void curlWithPriorKnowledge() throws Exception {
        startCleartext();
        Process p = new ProcessBuilder("curl", "-sS", "--http2-prior-knowledge", "-d", "{}", "-H",
                "content-type: application/json", "http://127.0.0.1:" + server.localAddress().getPort() + "/c")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"protocol\":\"h2c\"");
    }

    @Test
    void oversizedBodiesGet413AndTheConnectionGoesOn() throws Exception {
        startCleartext();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        SbiResponse big = c.send(SbiRequest.json("POST", "/x", new byte[5000]), "localhost", "http")
                .get(10, TimeUnit.SECONDS);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.contentType()).contains(SbiResponse.PROBLEM_JSON);
        assertThat(new String(big.body(), StandardCharsets.UTF_8)).contains("\"status\":413");
        assertThat(c.send(SbiRequest.json("POST", "/x", new byte[10]), "localhost", "http")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);

        HttpResponse<String> http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.localAddress().getPort() + "/x"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(http1.statusCode()).isEqualTo(413);
    }

    @Test
    void aFailingHandlerGives500AndATimeoutFailsTheClientFuture() throws Exception {
        startCleartext();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        SbiResponse boom = c.send(SbiRequest.json("POST", "/boom", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS);
        assertThat(boom.status()).isEqualTo(500);
        assertThat(new String(boom.body(), StandardCharsets.UTF_8)).contains("SYSTEM_FAILURE")
                .doesNotContain("handler bug");
        assertThatThrownBy(() -> c.send(SbiRequest.json("POST", "/slow", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void aBurstBeyondTheServersStreamLimitWaitsForFreeStreamsInsteadOfBeingRefused() throws Exception {
        server = SbiServer.builder().bind(ANY_PORT).cleartext().maxConcurrentStreams(3).handler(this::handle)
                .build().start();
        client = SbiClient.builder().cleartext().build();
        SbiClientConnection c = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        List<java.util.concurrent.CompletableFuture<SbiResponse>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(c.send(SbiRequest.json("POST", "/a", new byte[0]), "localhost", "http"));
        }
        for (var a : answers) {
            assertThat(a.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndCounted() throws Exception {
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        server = SbiServer.builder().bind(ANY_PORT).cleartext().maxConnections(1).meterRegistry(meters)
                .handler(this::handle).build().start();
        client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(2)).build();
        SbiClientConnection first = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        assertThat(first.send(SbiRequest.json("POST", "/a", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        // Closed before the server's SETTINGS: the client never hands the connection out.
        assertThatThrownBy(() -> client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("SETTINGS");
        assertThat(meters.counter("keygate_sbi_connections_refused_total", "server", "sbi", "reason",
                "max_connections").count()).isEqualTo(1.0);
        // The first connection is unaffected.
        assertThat(first.send(SbiRequest.json("POST", "/b", new byte[0]), "localhost", "http")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aClientWithoutTrustedCertificateCannotConnect() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        TestTls stranger = new TestTls(List.of("TLSv1.3"));
        startTls(tls);
        try (SbiClient other = SbiClient.builder().tls(stranger.client.sslContext()).build()) {
            assertThatThrownBy(() -> other.connect(server.localAddress(),
                    stranger.client.clientParameters(TestTls.PLMN.seppFqdn())).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
        // The server still serves a trusted client.
        SbiClientConnection c = client.connect(server.localAddress(),
                tls.client.clientParameters(TestTls.PLMN.seppFqdn())).get(10, TimeUnit.SECONDS);
        assertThat(c.send(SbiRequest.json("POST", "/a", new byte[0]), "localhost", "https")
                .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }
}
