package org.keygate.tls.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.exporter.ExporterClientBuild;

/** The lab PKI, cross-checked with OpenSSL. */
class LabPkiTest {
    @TempDir
    Path dir;

    @Test
    void certificatesVerifyWithOpenSslAndCarryTheSeppNames() throws Exception {
        var files = LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), "sepp.home.example.org")),
                Duration.ofDays(1)).get("home");
        assertThat(run("openssl", "verify", "-CAfile", files.caCert().toString(), files.certChain().toString()))
                .contains("OK");
        String sans = run("openssl", "x509", "-noout", "-ext", "subjectAltName,extendedKeyUsage", "-in",
                files.certChain().toString());
        assertThat(sans).contains("DNS:sepp.5gc.mnc001.mcc001.3gppnetwork.org", "DNS:sepp.home.example.org",
                "DNS:localhost", "IP Address:127.0.0.1", "TLS Web Server Authentication",
                "TLS Web Client Authentication");
        TlsKeyMaterial m = TlsKeyMaterial.load(files.certChain(), files.privateKey());
        assertThat(PeerIdentity.of(m.leaf()).plmnIds()).containsExactly(PlmnId.parse("001-01"));
        assertThat(m.chain()).hasSize(2);
        assertThat(m.toString()).doesNotContain("PRIVATE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey())))
                .isEqualTo("rw-------");
        assertThat(run("openssl", "pkey", "-in", files.privateKey().toString(), "-noout", "-text_pub"))
                .contains("NIST CURVE: P-256");
    }

    private static String run(String... cmd) throws Exception {
        return ExporterClientBuild.runOk(cmd);
    }

    @Test
    void anIntermediaryGetsARootOfItsOwnAndNoPlmnName() throws Exception {
        var files = LabPki.generateIntermediary(dir, "ipx", "ipx.example.org", Duration.ofDays(1));
        assertThat(files.certChain().getFileName().toString()).isEqualTo("ipx.crt");
        assertThat(run("openssl", "verify", "-CAfile", files.caCert().toString(), files.certChain().toString()))
                .contains("OK");
        TlsKeyMaterial m = TlsKeyMaterial.load(files.certChain(), files.privateKey());
        assertThat(PeerIdentity.of(m.leaf()).dnsNames()).containsExactly("ipx.example.org", "localhost");
        assertThat(PeerIdentity.of(m.leaf()).plmnIds()).isEmpty();
        assertThat(m.chain().get(1).getSubjectX500Principal().getName()).contains("keygate lab IPX root (ipx)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabPki.generateIntermediary(dir, "x",
                "sepp.5gc.mnc001.mcc001.3gppnetwork.org", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
