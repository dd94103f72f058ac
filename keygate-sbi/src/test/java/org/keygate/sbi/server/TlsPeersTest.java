package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/** The TLS server against the JDK's own HTTP client, the client against an ALPN-less TLS server, handshake failures. */
class TlsPeersTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SbiServer server;

    private static CompletableFuture<SbiResponse> echoProtocol(SbiRequest r, SbiConnection c) {
        return CompletableFuture.completedFuture(SbiResponse.json(200, ("{\"protocol\":\"" + c.protocol()
                + "\",\"peerCertificates\":" + c.peerCertificates().size() + "}").getBytes(StandardCharsets.UTF_8)));
    }

    private void startTls(TestTls tls) {
        server = SbiServer.builder().name("n32c").bind(ANY_PORT)
                .tls(tls.server.sslContext(), tls.server.serverParameters()).meterRegistry(meters)
                .handler(TlsPeersTest::echoProtocol).build().start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(HttpClient.Version.class)
    void theJdkClientTalksToTheTlsServerWithTheProtocolAlpnChose(HttpClient.Version version) throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        startTls(tls);
        // The lab certificate names 127.0.0.1, so the JDK client's own hostname check passes.
        HttpClient jdk = HttpClient.newBuilder().version(version).sslContext(tls.client.sslContext()).build();
        HttpResponse<String> rsp = jdk.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + server.localAddress().getPort() + "/nsepp-handshake/v1/exchange-capability"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("content-type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(rsp.version()).isEqualTo(version);
        String expected = version == HttpClient.Version.HTTP_2 ? "h2" : "http/1.1";
        assertThat(rsp.body()).isEqualTo("{\"protocol\":\"" + expected + "\",\"peerCertificates\":2}");
        assertThat(meters.counter("keygate_sbi_requests_total", "server", "n32c", "method", "POST", "status", "200")
                .count()).isEqualTo(1.0);
    }

    @Test
    void aPeerCheckRefusalClosesTheConnectionAfterTls() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        List<List<java.security.cert.X509Certificate>> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        server = SbiServer.builder().name("n32c").bind(ANY_PORT)
                .tls(tls.server.sslContext(), tls.server.serverParameters()).meterRegistry(meters)
                .peerCheck(chain -> {
                    asked.add(chain);
                    return java.util.Optional.of("revoked since the ticket was issued");
                })
                .handler(TlsPeersTest::echoProtocol).build().start();
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(tls.client.sslContext()).build();

        assertThatThrownBy(() -> jdk.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + server.localAddress().getPort() + "/x")).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(asked).as("the client's chain, leaf first").isNotEmpty()
                .allSatisfy(chain -> assertThat(chain.getFirst().getSubjectX500Principal().getName())
                        .contains(TestTls.PLMN.seppFqdn()));
        assertThat(meters.counter("keygate_sbi_connections_refused_total", "server", "n32c", "reason", "peer_check")
                .count()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.find("keygate_sbi_requests_total").counters()).as("no request handled").isEmpty();
    }

    @Test
    void theClientRefusesAPeerThatSelectsNoH2() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        // A TLS server that speaks no ALPN at all: the handshake succeeds, but the SBI needs h2 (TS 29.500 5.2.2).
        try (SSLServerSocket plain = (SSLServerSocket) tls.server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            plain.setSSLParameters(tls.server.serverParameters());
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) plain.accept(); InputStream in = s.getInputStream()) {
                    s.startHandshake();
                    in.readAllBytes();
                } catch (Exception expectedWhenTheClientHangsUp) {
                    // The client closes as soon as it sees no h2.
                }
            });
            try (SbiClient client = SbiClient.builder().tls(tls.client.sslContext()).build()) {
                assertThatThrownBy(() -> client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        plain.getLocalPort()), tls.client.clientParameters(TestTls.PLMN.seppFqdn()))
                        .get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause().hasMessageContaining("did not select h2");
            }
            served.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aConnectThatSendsNothingIsADebugLineAndCountedApart() throws Exception {
        // Issue 19 item 7: a load balancer's health probe connects and closes; that is no failed TLS handshake.
        startTls(new TestTls(List.of("TLSv1.3")));
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(TlsNegotiator.class);
        Level was = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (LogCapture log = new LogCapture(TlsNegotiator.class)) {
            new java.net.Socket(server.localAddress().getAddress(), server.localAddress().getPort()).close();
            ILoggingEvent probe = log.next();
            assertThat(probe.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(probe.getFormattedMessage()).contains("closed before any TLS record", "/127.0.0.1:");
            assertThat(probe.getThrowableProxy()).isNull();
        } finally {
            logger.setLevel(was);
        }
        assertThat(meters.counter("keygate_sbi_connections_silent_total", "server", "n32c").count()).isEqualTo(1.0);
        assertThat(meters.counter("keygate_sbi_tls_handshake_failures_total", "server", "n32c").count())
                .isEqualTo(0.0);
    }

    @Test
    void aFailedHandshakeIsLoggedOnceAtInfoAndCountedAndTheServerGoesOn() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.2"));
        TestTls stranger = new TestTls(List.of("TLSv1.2"));
        startTls(tls);
        try (LogCapture log = new LogCapture(TlsNegotiator.class)) {
            try (SbiClient other = SbiClient.builder().tls(stranger.client.sslContext()).build()) {
                assertThatThrownBy(() -> other.connect(server.localAddress(),
                        stranger.client.clientParameters(TestTls.PLMN.seppFqdn())).get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class);
            }
            ILoggingEvent failure = log.next();
            assertThat(failure.getLevel()).isEqualTo(Level.INFO);
            assertThat(failure.getFormattedMessage()).contains("TLS handshake", "/127.0.0.1:");

            try (SbiClient trusted = SbiClient.builder().tls(tls.client.sslContext()).build()) {
                var c = trusted.connect(server.localAddress(), tls.client.clientParameters(TestTls.PLMN.seppFqdn()))
                        .get(10, TimeUnit.SECONDS);
                assertThat(c.send(SbiRequest.json("POST", "/a", new byte[0]), "localhost", "https")
                        .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(log.rest()).isEmpty();
        }
        assertThat(meters.counter("keygate_sbi_tls_handshake_failures_total", "server", "n32c").count())
                .isEqualTo(1.0);
    }
}
