package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.InsecureSecretAccess;

/**
 * CAPIF-2e against TLS stacks nobody here wrote: OpenSSL's s_client and GnuTLS's gnutls-cli call the AEF's API with
 * the AEFPSK the keygate invoker derived (identity = its API invoker ID), and fail with a wrong key or an unknown
 * identity. Needs {@code openssl} and {@code gnutls-cli} (Debian: openssl, gnutls-bin).
 */
class Capif2eInteropTest {
    /**
     * Plain PSK only: with ECDHE-PSK offered the AEF now picks ECDHE-PSK-CHACHA20-POLY1305, and gnutls-cli 3.7.9
     * (Debian 12) fails every TLS 1.2 ECDHE-PSK handshake, against openssl s_server as well (docs/CAPIF.md).
     */
    static final String GNUTLS_12 = "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+PSK";
    static final String GNUTLS_13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+PSK:+ECDHE-PSK";
    static CapifLab lab;
    static NotificationSink sink;
    static ApiInvoker invoker;
    static AefInterfaceId iface;
    static String keyHex;

    @BeforeAll
    static void start() throws Exception {
        sink = new NotificationSink();
        lab = new CapifLab();
        iface = lab.aef.interfaceDescription().aefInterfaceId();
        invoker = ApiInvoker.onboard(lab.endpoint, sink.uri(), "interop");
        invoker.requestSecurity(List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null,
                List.of(SecurityMethod.PSK), null, null, null)));
        keyHex = HexFormat.of().formatHex(invoker.aefPsk(iface).orElseThrow().toByteArray(InsecureSecretAccess.get()));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(lab.conformance.checked()).isPositive();
            assertThat(lab.conformance.violations()).isEmpty();
        } finally {
            invoker.close();
            lab.close();
            sink.close();
        }
    }

    static String request() {
        return "GET /nef-demo/hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    }

    static PeerTool.Result openssl(String version, String key, String identity) throws Exception {
        return PeerTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + iface.port(), version,
                "-psk", key, "-psk_identity", identity, "-cipher", "PSK-AES128-GCM-SHA256", "-ign_eof",
                "-no_ticket"), request());
    }

    static PeerTool.Result gnutls(String priority, String key, String identity) throws Exception {
        return PeerTool.run(List.of("gnutls-cli", "--port", String.valueOf(iface.port()), "127.0.0.1",
                "--pskusername", identity, "--pskkey", key, "--priority", priority), request());
    }

    @Test
    void opensslCallsTheApiWithTheInvokersAefPsk() throws Exception {
        PeerTool.Result r = openssl("-tls1_2", keyHex, invoker.id());
        assertThat(r.output()).contains("HTTP/1.1 200 OK").contains("\"hello\":\"" + invoker.id() + "\"")
                .contains("\"securityMethod\":\"PSK\"");
    }

    @Test
    void opensslWithAWrongKeyOrUnknownIdentityIsRefused() throws Exception {
        PeerTool.Result wrongKey = openssl("-tls1_2", "00".repeat(32), invoker.id());
        assertThat(wrongKey.output()).doesNotContain("HTTP/1.1 200").contains("alert bad record mac");
        PeerTool.Result unknown = openssl("-tls1_2", keyHex, "INV" + "0".repeat(32));
        assertThat(unknown.output()).doesNotContain("HTTP/1.1 200").contains("alert unknown psk identity");
    }

    @Test
    void gnutlsCallsTheApiOverTls12AndTls13() throws Exception {
        for (String priority : List.of(GNUTLS_12, GNUTLS_13)) {
            PeerTool.Result r = gnutls(priority, keyHex, invoker.id());
            assertThat(r.output()).as(priority).contains("HTTP/1.1 200 OK")
                    .contains("\"hello\":\"" + invoker.id() + "\"");
        }
    }

    /** RFC 5489: forward secrecy in TLS 1.2 with the ECDHE_PSK suites OpenSSL 3.0 and GnuTLS 3.7 implement. */
    @Test
    void commonStacksGetEcdhePskAndPreferIt() throws Exception {
        // Every PSK suite OpenSSL has, plain PSK first in its own order: the AEF's preference picks ECDHE_PSK, and
        // of those the AEAD one OpenSSL has, ChaCha20-Poly1305 (RFC 7905), before CBC.
        PeerTool.Result o = PeerTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + iface.port(),
                "-tls1_2", "-psk", keyHex, "-psk_identity", invoker.id(), "-cipher",
                "PSK-AES128-GCM-SHA256:PSK", "-ign_eof", "-no_ticket"), request());
        assertThat(o.output()).contains("Cipher is ECDHE-PSK-CHACHA20-POLY1305").contains("HTTP/1.1 200 OK");
        // ECDHE-PSK-CHACHA20-POLY1305 alone: refused (alert 40) before, served now; CBC alone still served.
        PeerTool.Result chacha = PeerTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + iface.port(),
                "-tls1_2", "-psk", keyHex, "-psk_identity", invoker.id(), "-cipher", "ECDHE-PSK-CHACHA20-POLY1305",
                "-ign_eof", "-no_ticket"), request());
        assertThat(chacha.output()).contains("Cipher is ECDHE-PSK-CHACHA20-POLY1305").contains("HTTP/1.1 200 OK")
                .contains("\"hello\":\"" + invoker.id() + "\"");
        PeerTool.Result cbc = PeerTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + iface.port(),
                "-tls1_2", "-psk", keyHex, "-psk_identity", invoker.id(), "-cipher", "ECDHE-PSK-AES128-CBC-SHA256",
                "-ign_eof", "-no_ticket"), request());
        assertThat(cbc.output()).contains("Cipher is ECDHE-PSK-AES128-CBC-SHA256").contains("HTTP/1.1 200 OK");
        // A wrong key under ChaCha20-Poly1305 fails the Finished record's tag: bad_record_mac.
        PeerTool.Result wrong = PeerTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + iface.port(),
                "-tls1_2", "-psk", "00".repeat(32), "-psk_identity", invoker.id(), "-cipher",
                "ECDHE-PSK-CHACHA20-POLY1305", "-ign_eof", "-no_ticket"), request());
        assertThat(wrong.output()).doesNotContain("HTTP/1.1 200").contains("alert bad record mac");
        // gnutls-cli 3.7.9 (Debian 12) crashes (SIGSEGV) in every TLS 1.2 ECDHE-PSK handshake, also against
        // openssl s_server: it cannot be the second witness here (docs/CAPIF.md).
    }

    @Test
    void gnutlsWithAWrongKeyOrUnknownIdentityIsRefused() throws Exception {
        PeerTool.Result wrongKey = gnutls(GNUTLS_12, "00".repeat(32), invoker.id());
        assertThat(wrongKey.output()).doesNotContain("HTTP/1.1 200").contains("Received alert [20]");
        PeerTool.Result unknown = gnutls(GNUTLS_12, keyHex, "INV" + "0".repeat(32));
        assertThat(unknown.output()).doesNotContain("HTTP/1.1 200").contains("Received alert [115]");
    }
}
