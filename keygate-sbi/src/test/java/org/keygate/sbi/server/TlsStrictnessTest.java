package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/** Issue 12 item 8: TLS 1.2 client renegotiation refused, and an HTTP/2-only listener refuses HTTP/1.1. */
class TlsStrictnessTest {
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final byte[] GET = "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private SbiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(TestTls tls, boolean http2Only) {
        SbiServer.Builder b = SbiServer.builder().bind(ANY_PORT).tls(tls.server.sslContext(),
                tls.server.serverParameters()).meterRegistry(meters)
                .handler((r, c) -> CompletableFuture.completedFuture(SbiResponse.noContent()));
        server = (http2Only ? b.http2Only() : b).build().start();
    }

    /** A JDK TLS client (JSSE, not keygate's client) offering {@code alpn}, handshake done. */
    private SSLSocket connect(TestTls tls, String... alpn) throws IOException {
        SSLSocket s = (SSLSocket) tls.client.sslContext().getSocketFactory().createSocket(
                server.localAddress().getAddress(), server.localAddress().getPort());
        s.setSoTimeout(5000);
        SSLParameters p = tls.client.clientParameters(TestTls.PLMN.seppFqdn());
        p.setApplicationProtocols(alpn);
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    @Test
    void tls12ClientRenegotiationClosesTheConnection() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.2"));
        start(tls, false);
        try (SSLSocket s = connect(tls, "http/1.1")) {
            // The same connection serves HTTP/1.1 before the renegotiation...
            s.getOutputStream().write(GET);
            assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 204");
            // ...and nothing after it: the server closed instead of running a second full handshake.
            assertThat(answersAfterRenegotiating(s)).isFalse();
        }
        assertThat(meters.counter("keygate_sbi_tls_renegotiations_refused_total", "server", "sbi").count())
                .isEqualTo(1.0);
    }

    private static boolean answersAfterRenegotiating(SSLSocket s) {
        try {
            s.startHandshake();
            s.getOutputStream().write(GET);
            InputStream in = s.getInputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 'H') {
                    return true;
                }
            }
            return false;
        } catch (IOException closed) {
            return false;
        }
    }

    @Test
    void anHttp2OnlyListenerRefusesHttp11AndNoAlpnButServesH2() throws Exception {
        TestTls tls = new TestTls(List.of("TLSv1.3"));
        start(tls, true);
        // RFC 7301 3.2: no protocol in common is a no_application_protocol alert.
        assertThatThrownBy(() -> connect(tls, "http/1.1").close()).isInstanceOf(SSLHandshakeException.class);
        try (SSLSocket noAlpn = connect(tls)) {
            noAlpn.getOutputStream().write(GET);
            assertThat(readsToEnd(noAlpn.getInputStream())).isEqualTo(-1);
        }
        assertThat(meters.counter("keygate_sbi_connections_refused_total", "server", "sbi", "reason", "not_http2")
                .count()).isEqualTo(1.0);
        try (SbiClient client = SbiClient.builder().tls(tls.client.sslContext()).requestTimeout(Duration.ofSeconds(5))
                .build()) {
            assertThat(client.connect(server.localAddress(), tls.client.clientParameters(TestTls.PLMN.seppFqdn()))
                    .get(10, TimeUnit.SECONDS).send(SbiRequest.json("GET", "/x", new byte[0]), "localhost", "https")
                    .get(10, TimeUnit.SECONDS).status()).isEqualTo(204);
        }
    }

    /** -1 once the server has closed (what it sent before, e.g. a TLS 1.3 session ticket, is skipped); 0 if it did not. */
    private static int readsToEnd(InputStream in) {
        try {
            while (in.read() >= 0) {
                // skip
            }
            return -1;
        } catch (java.net.SocketTimeoutException open) {
            return 0;
        } catch (IOException closed) {
            return -1;
        }
    }
}
