package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The BC PSK server against GnuTLS's gnutls-cli (RFC 4279 / RFC 5487 in TLS 1.2, external PSK in TLS 1.3), with
 * RFC 7627 and the RFC 5746 renegotiation policy (TS 33.328: the MRFP accepts renegotiation only when secure).
 */
class GnuTlsPskTest {
    static final String TLS12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+PSK:+ECDHE-PSK:+DHE-PSK";
    static final String TLS13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+PSK:+ECDHE-PSK:+DHE-PSK";
    static final String KEY_HEX = HexFormat.of().formatHex(BcTlsServerOpenSslTest.KEY);

    static ExternalTool.Result gnutls(int port, String identity, String keyHex, String priority, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "--port", String.valueOf(port), "127.0.0.1",
                "--pskusername", identity, "--pskkey", keyHex, "--priority", priority));
        cmd.addAll(List.of(extra));
        return ExternalTool.run(cmd, "media bytes\n");
    }

    @Test
    void tls12PskSession() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX, TLS12);
            BcTlsSession s = server.session();
            assertThat(r.output()).contains("echo:media bytes");
            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(s.pskIdentity()).contains(BcTlsServerOpenSslTest.IDENTITY);
            assertThat(s.extendedMasterSecret()).isTrue();
            assertThat(s.secureRenegotiation()).isTrue();
        }
    }

    @Test
    void tls13PskSession() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX, TLS13);
            BcTlsSession s = server.session();
            assertThat(r.output()).contains("echo:media bytes");
            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_3);
            assertThat(s.pskIdentity()).contains(BcTlsServerOpenSslTest.IDENTITY);
        }
    }

    @Test
    void unknownIdentityGetsAlert115() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            for (String priority : List.of(TLS12, TLS13)) {
                ExternalTool.Result r = gnutls(server.port(), "mallory", KEY_HEX, priority);
                assertThat(r.output()).contains("Received alert [115]");
                assertThat(r.output()).doesNotContain("echo:");
            }
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("unknown_psk_identity");
        }
    }

    @Test
    void wrongKeyFails() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, "00ff00ff00ff00ff", TLS12);
            assertThat(r.output()).contains("Received alert [20]").doesNotContain("echo:");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("bad_record_mac");
        }
    }

    @Test
    void clientWithoutExtendedMasterSecretIsRefused() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX,
                    TLS12 + ":%NO_SESSION_HASH");
            // RFC 7627 5.2
            assertThat(r.output()).contains("Received alert [40]");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("handshake_failure");
        }
    }

    @Test
    void secureRenegotiationIsAcceptedWhenThePolicySaysSo() throws Exception {
        BcTlsServerConfig config = BcTlsServerOpenSslTest.pskServer().toBuilder()
                .renegotiation(RenegotiationPolicy.ACCEPT_SECURE).build();
        try (EchoServer server = new EchoServer(config)) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX, TLS12,
                    "--rehandshake");
            BcTlsSession first = server.session();
            BcTlsSession renegotiated = server.sessionsAtRead.poll(20, TimeUnit.SECONDS);
            assertThat(r.output()).contains("echo:media bytes").doesNotContain("ReHandshake has failed");
            assertThat(renegotiated).isNotNull();
            assertThat(renegotiated.sessionIdHex()).isNotEqualTo(first.sessionIdHex());
            assertThat(renegotiated.secureRenegotiation()).isTrue();
            assertThat(renegotiated.pskIdentity()).contains(BcTlsServerOpenSslTest.IDENTITY);
        }
    }

    @Test
    void renegotiationWithoutRfc5746IsRefused() throws Exception {
        // The legacy client may connect (requireSecureRenegotiation false) but never renegotiate (RFC 5746 4.4).
        BcTlsServerConfig config = BcTlsServerOpenSslTest.pskServer().toBuilder()
                .renegotiation(RenegotiationPolicy.ACCEPT_SECURE).requireSecureRenegotiation(false).build();
        try (EchoServer server = new EchoServer(config)) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX,
                    TLS12 + ":%DISABLE_SAFE_RENEGOTIATION", "--rehandshake");
            BcTlsSession first = server.session();
            assertThat(first.secureRenegotiation()).isFalse();
            // RFC 5746 4.2 / RFC 5246 7.2.2: no_renegotiation (100)
            assertThat(r.output()).contains("Received alert [100]").contains("ReHandshake has failed");
            assertThat(server.sessionsAtRead).isEmpty();
        }
    }

    @Test
    void renegotiationIsRefusedByDefault() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX, TLS12,
                    "--rehandshake");
            assertThat(server.session().secureRenegotiation()).isTrue();
            assertThat(r.output()).contains("Received alert [100]").contains("ReHandshake has failed");
        }
    }

    @Test
    void clientWithoutRfc5746IsRefusedByDefault() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            ExternalTool.Result r = gnutls(server.port(), BcTlsServerOpenSslTest.IDENTITY, KEY_HEX,
                    TLS12 + ":%DISABLE_SAFE_RENEGOTIATION");
            // RFC 5746 4.4 (a server requiring secure renegotiation): handshake_failure
            assertThat(r.output()).contains("Received alert [40]");
            assertThat(((BcTlsAlertException) server.failure()).alertName()).isEqualTo("handshake_failure");
        }
    }
}
