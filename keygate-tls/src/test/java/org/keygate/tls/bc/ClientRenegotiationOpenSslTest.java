package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;

/**
 * A server-requested renegotiation (HelloRequest, RFC 5246 7.4.1.1) from OpenSSL's s_server ({@code r} typed on its
 * stdin): the BC client renegotiates with {@code ACCEPT_SECURE} (RFC 5746 in use) on a certificate connection, and
 * refuses with {@code REFUSE}, and on PSK connections, where BC's client cannot renegotiate at all.
 */
class ClientRenegotiationOpenSslTest {
    private static final String IDENTITY = "mrfp-bfcp-2";
    private static final String KEY_HEX = "11223344556677889900aabbccddeeff11223344556677889900aabbccddeeff";

    private static final class SServer implements AutoCloseable {
        final Process process;
        final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final int port;

        SServer(List<String> auth) throws Exception {
            ExternalTool.require("openssl");
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_server", "-accept",
                    "127.0.0.1:" + port, "-tls1_2", "-naccept", "1"));
            cmd.addAll(auth);
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("reader: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            awaitLine("ACCEPT");
        }

        String awaitLine(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("s_server printed no line starting with '" + prefix + "'");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }

        void type(String text) throws Exception {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static final List<String> PSK_SERVER = List.of("-nocert", "-psk", KEY_HEX, "-psk_identity", IDENTITY,
            "-cipher", "PSK-AES128-GCM-SHA256");

    @TempDir
    Path dir;

    private static BcTlsClientConfig pskClient(RenegotiationPolicy policy) {
        return BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2).renegotiation(policy)
                .psk(new ExternalPsk(IDENTITY, SecretBytes.copyOf(HexFormat.of().parseHex(KEY_HEX)))).build();
    }

    private LabSeppFiles pki() throws Exception {
        LabCa ca = LabCa.create("renegotiation CA", Duration.ofDays(1));
        return LabPki.write(dir, ca, ca.issue(List.of("localhost"), List.of(InetAddress.getLoopbackAddress())));
    }

    private static BcTlsClientConfig certificateClient(LabSeppFiles f, RenegotiationPolicy policy) throws Exception {
        return BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2).renegotiation(policy)
                .trustAnchors(PemFiles.readCertificates(f.caCert())).serverName("localhost").build();
    }

    private static List<String> certificateServer(LabSeppFiles f) {
        return List.of("-cert", f.certChain().toString(), "-key", f.privateKey().toString());
    }

    /** The handler's session once it is no longer {@code first}, or null after 20 s. */
    private static BcTlsSession awaitNewSession(TestClient c, BcTlsSession first) throws InterruptedException {
        BcTlsHandler h = c.tls;
        for (int i = 0; i < 200; i++) {
            BcTlsSession now = h == null ? null : h.session().orElse(null);
            if (now != null && now != first) {
                return now;
            }
            Thread.sleep(100);
        }
        return null;
    }

    @Test
    void acceptsSecureRenegotiationOnACertificateConnection() throws Exception {
        LabSeppFiles f = pki();
        try (SServer server = new SServer(certificateServer(f));
                TestClient c = new TestClient(server.port, certificateClient(f, RenegotiationPolicy.ACCEPT_SECURE),
                        "before\n")) {
            BcTlsSession first = c.handshake.get(20, TimeUnit.SECONDS);
            assertThat(first.secureRenegotiation()).isTrue();
            server.awaitLine("before");
            server.type("r\n");
            BcTlsSession renegotiated = awaitNewSession(c, first);
            assertThat(renegotiated).as("a second handshake completed").isNotNull();
            assertThat(renegotiated.secureRenegotiation()).isTrue();
            c.channel.writeAndFlush(Unpooled.copiedBuffer("after\n", StandardCharsets.UTF_8));
            server.awaitLine("after");
        }
    }

    @Test
    void refusesRenegotiationByDefault() throws Exception {
        LabSeppFiles f = pki();
        assertRefused(certificateServer(f), certificateClient(f, RenegotiationPolicy.REFUSE));
    }

    @Test
    void refusesRenegotiationOnPskConnections() throws Exception {
        assertRefused(PSK_SERVER, pskClient(RenegotiationPolicy.ACCEPT_SECURE));
    }

    /** RFC 5746 4.2: no_renegotiation; OpenSSL then ends the connection, and the client closes its TCP. */
    private static void assertRefused(List<String> serverAuth, BcTlsClientConfig config) throws Exception {
        try (SServer server = new SServer(serverAuth); TestClient c = new TestClient(server.port, config, "before\n")) {
            BcTlsSession first = c.handshake.get(20, TimeUnit.SECONDS);
            server.awaitLine("before");
            server.type("r\n");
            // OpenSSL reads the no_renegotiation warning ("no renegotiation") and answers handshake_failure.
            assertThat(server.awaitLine("ERROR") + server.awaitLine("")).contains("no renegotiation");
            c.answer.get(20, TimeUnit.SECONDS);
            assertThat(c.ended.get(20, TimeUnit.SECONDS)).isInstanceOf(BcTlsAlertException.class)
                    .hasMessage("received fatal alert handshake_failure(40)");
            assertThat(c.channel.isActive()).isFalse();
            assertThat(c.tls.session().orElseThrow()).isSameAs(first);
        }
    }
}
