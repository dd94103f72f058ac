package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSeppFiles;

/**
 * Certificate TLS 1.2 (CAPIF-1e, TS 33.122): the master secret and session ID the handler captures are those
 * OpenSSL's client holds, read back independently with {@code openssl sess_id}; mutual TLS with OpenSSL's client
 * certificate.
 */
class MasterSecretOpenSslTest {
    @TempDir
    Path dir;

    private LabSeppFiles files(LabCa ca, String name) throws Exception {
        return LabPki.write(dir.resolve(name), ca, ca.issue(List.of("localhost"),
                List.of(InetAddress.getLoopbackAddress())));
    }

    private static TlsKeyMaterial material(LabSeppFiles f) throws Exception {
        return TlsKeyMaterial.load(f.certChain(), f.privateKey());
    }

    private static String field(String text, String name) {
        Matcher m = Pattern.compile(name + ":\\s*([0-9A-Fa-f]*)").matcher(text);
        assertThat(m.find()).as(name + " in\n" + text).isTrue();
        return m.group(1).toLowerCase();
    }

    @Test
    void capturedMasterSecretAndSessionIdMatchOpenSsl() throws Exception {
        LabCa ca = LabCa.create("BC TLS test CA", Duration.ofDays(1));
        LabSeppFiles server = files(ca, "server");
        BcTlsServerConfig config = BcTlsServerConfig.builder().keyMaterial(material(server)).captureMasterSecret(true)
                .build();
        Path session = dir.resolve("session.pem");
        try (EchoServer echo = new EchoServer(config)) {
            ExternalTool.Result r = ExternalTool.run(List.of("openssl", "s_client", "-connect",
                    "127.0.0.1:" + echo.port(), "-tls1_2", "-CAfile", server.caCert().toString(), "-verify_return_error",
                    "-servername", "localhost", "-sess_out", session.toString(), "-ign_eof"), "capif-1e\n");
            BcTlsSession s = echo.session();
            assertThat(r.output()).contains("echo:capif-1e").contains("Verify return code: 0 (ok)");
            ExternalTool.Result text = ExternalTool.run(List.of("openssl", "sess_id", "-in", session.toString(),
                    "-noout", "-text"), "");
            String opensslSessionId = field(text.output(), "Session-ID");
            String opensslMaster = field(text.output(), "Master-Key");
            assertThat(text.output()).contains("Extended master secret: yes");

            assertThat(s.version()).isEqualTo(TlsVersion.TLS_1_2);
            assertThat(s.cipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
            assertThat(s.sessionId()).hasSize(32);
            assertThat(s.sessionIdHex()).isEqualTo(opensslSessionId);
            assertThat(s.extendedMasterSecret()).isTrue();
            byte[] master = s.masterSecret().orElseThrow().toByteArray(InsecureSecretAccess.get());
            assertThat(master).hasSize(48);
            assertThat(HexFormat.of().formatHex(master)).isEqualTo(opensslMaster);
            assertThat(s.toString()).doesNotContain(opensslMaster).doesNotContain(opensslMaster.toUpperCase());
        }
    }

    @Test
    void noCaptureUnlessAsked() throws Exception {
        LabCa ca = LabCa.create("BC TLS test CA", Duration.ofDays(1));
        LabSeppFiles server = files(ca, "server");
        try (EchoServer echo = new EchoServer(BcTlsServerConfig.builder().keyMaterial(material(server)).build())) {
            ExternalTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + echo.port(), "-tls1_2",
                    "-CAfile", server.caCert().toString(), "-ign_eof"), "x\n");
            assertThat(echo.session().masterSecret()).isEmpty();
        }
    }

    @Test
    void mutualTlsChecksTheClientCertificate() throws Exception {
        LabCa ca = LabCa.create("BC TLS test CA", Duration.ofDays(1));
        LabSeppFiles server = files(ca, "server");
        LabSeppFiles client = files(ca, "client");
        LabCa otherCa = LabCa.create("Another CA", Duration.ofDays(1));
        LabSeppFiles stranger = files(otherCa, "stranger");
        BcTlsServerConfig config = BcTlsServerConfig.builder().keyMaterial(material(server))
                .clientAuth(ClientAuth.REQUIRED, List.of(ca.certificate())).build();
        try (EchoServer echo = new EchoServer(config)) {
            for (String version : List.of("-tls1_2", "-tls1_3")) {
                ExternalTool.Result ok = ExternalTool.run(List.of("openssl", "s_client", "-connect",
                        "127.0.0.1:" + echo.port(), version, "-CAfile", server.caCert().toString(), "-cert",
                        client.certChain().toString(), "-key", client.privateKey().toString(), "-ign_eof"), "mtls\n");
                assertThat(ok.output()).contains("echo:mtls");
                BcTlsSession s = echo.session();
                assertThat(s.peerCertificates()).hasSize(2);
                assertThat(s.peerCertificates().getFirst()).isEqualTo(material(client).leaf());
            }

            ExternalTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + echo.port(), "-tls1_2",
                    "-CAfile", server.caCert().toString(), "-cert", stranger.certChain().toString(), "-key",
                    stranger.privateKey().toString(), "-ign_eof"), "x\n");
            assertThat(((BcTlsAlertException) echo.failure()).alertName()).isEqualTo("bad_certificate");

            ExternalTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + echo.port(), "-tls1_3",
                    "-CAfile", server.caCert().toString(), "-ign_eof"), "x\n");
            // RFC 8446 4.4.2.4
            assertThat(((BcTlsAlertException) echo.failure()).alertName()).isEqualTo("certificate_required");

            ExternalTool.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + echo.port(), "-tls1_2",
                    "-CAfile", server.caCert().toString(), "-ign_eof"), "x\n");
            // RFC 5246 7.4.6
            assertThat(((BcTlsAlertException) echo.failure()).alertName()).isEqualTo("handshake_failure");
        }
        assertThat(Files.exists(client.privateKey())).isTrue();
    }
}
