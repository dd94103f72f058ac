package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;

/** The BC server against OpenSSL's s_client with PSK (an independent TLS implementation). */
class BcTlsServerOpenSslTest {
    static final String IDENTITY = "invoker-0001@capif.example";
    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    static BcTlsServerConfig pskServer() {
        return BcTlsServerConfig.builder().pskLookup(PskLookup.of(Map.of(IDENTITY, SecretBytes.copyOf(KEY)))).build();
    }

    static List<String> sClient(int port, String version, String keyHex, String identity) {
        return List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, version, "-psk", keyHex,
                "-psk_identity", identity, "-cipher", "PSK-AES128-GCM-SHA256:ECDHE-PSK-AES128-CBC-SHA256",
                "-ign_eof", "-no_ticket");
    }

    @Test
    void tls12PskExchangesApplicationBytes() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_2", HexFormat.of().formatHex(KEY),
                    IDENTITY), "hello over psk\n");
            BcTlsSession s = server.session();
            assertThat(r.output()).contains("echo:hello over psk");
            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(s.cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_GCM_SHA256");
            assertThat(s.pskIdentity()).contains(IDENTITY);
            assertThat(s.extendedMasterSecret()).isTrue();
            assertThat(s.sessionId()).hasSize(32);
            assertThat(server.received.take()).isEqualTo("hello over psk\n");
        }
    }

    @Test
    void tls13ExternalPskExchangesApplicationBytes() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_3", HexFormat.of().formatHex(KEY),
                    IDENTITY), "hello over tls 1.3\n");
            BcTlsSession s = server.session();
            assertThat(r.output()).contains("echo:hello over tls 1.3");
            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(s.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(s.pskIdentity()).contains(IDENTITY);
            assertThat(s.masterSecret()).isEmpty();
        }
    }

    @Test
    void theClientsCloseNotifyEndsTheTcpConnection() throws Exception {
        for (String version : List.of("-tls1_2", "-tls1_3")) {
            try (EchoServer server = new EchoServer(pskServer(), false)) {
                List<String> cmd = new java.util.ArrayList<>(sClient(server.port(), version,
                        HexFormat.of().formatHex(KEY), IDENTITY));
                cmd.remove("-ign_eof"); // s_client sends close_notify at the end of its input
                ExternalTool.run(cmd, "bye\n", true);
                server.session();
                // TS 33.328: the TCP connection is released as soon as the TLS session ends
                io.netty.channel.Channel ended = server.closeNotified.poll(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(ended).as("close_notify seen").isNotNull();
                assertThat(server.closed.poll(20, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(ended);
                assertThat(server.received.poll()).isEqualTo("bye\n");
                assertThat(server.failures).isEmpty();
            }
        }
    }

    @Test
    void tls12UnknownIdentityGetsUnknownPskIdentityAlert() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_2", HexFormat.of().formatHex(KEY),
                    "someone-else"), "x\n");
            Throwable failure = server.failure();
            // RFC 4279 2: unknown_psk_identity (115)
            assertThat(r.output()).contains("alert unknown psk identity");
            assertThat(failure).isInstanceOf(BcTlsAlertException.class);
            assertThat(((BcTlsAlertException) failure).alertName()).isEqualTo("unknown_psk_identity");
            assertThat(((BcTlsAlertException) failure).sent()).isTrue();
        }
    }

    @Test
    void tls13ClientWithoutPskGetsHandshakeFailure() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + server.port(), "-tls1_3", "-ign_eof"), "x\n");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("handshake_failure");
            assertThat(r.output()).contains("alert handshake failure");
        }
    }

    @Test
    void tls12WrongKeyFailsTheFinishedCheck() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_2", "0102030405060708", IDENTITY),
                    "x\n");
            BcTlsAlertException failure = (BcTlsAlertException) server.failure();
            // RFC 5246 7.2.2: the client's Finished does not decrypt under the wrong key
            assertThat(failure.alertName()).isEqualTo("bad_record_mac");
            assertThat(r.output()).contains("alert bad record mac");
            assertThat(r.output()).doesNotContain("echo:");
        }
    }

    @Test
    void tls13WrongKeyFailsTheBinder() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_3", "0102030405060708", IDENTITY),
                    "x\n");
            BcTlsAlertException failure = (BcTlsAlertException) server.failure();
            // RFC 8446 4.2.11: a binder that does not validate aborts the handshake (decrypt_error, 6.2)
            assertThat(failure.alertName()).isEqualTo("decrypt_error");
            assertThat(r.output()).contains("alert decrypt error");
        }
    }

    @Test
    void tls13UnknownIdentityGetsUnknownPskIdentityAlert() throws Exception {
        try (EchoServer server = new EchoServer(pskServer())) {
            ExternalTool.Result r = ExternalTool.run(sClient(server.port(), "-tls1_3", HexFormat.of().formatHex(KEY),
                    "someone-else"), "x\n");
            BcTlsAlertException failure = (BcTlsAlertException) server.failure();
            assertThat(failure.alertName()).isEqualTo("unknown_psk_identity");
            assertThat(r.output()).contains("alert unknown psk identity");
        }
    }
}
