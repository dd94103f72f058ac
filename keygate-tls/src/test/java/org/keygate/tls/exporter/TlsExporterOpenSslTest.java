package org.keygate.tls.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.pki.LabSeppFiles;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * keygate's N32 master key export on a JSSE server against OpenSSL as the client, TLS 1.2 (RFC 5705) and TLS 1.3
 * (RFC 8446 7.5).
 *
 * <p>TS 33.501 13.2.4.4.1 asks for Context "" (the empty string); DESIGN.md binds keygate to a present, zero-length
 * context. Under TLS 1.3 "absent" and "empty" are the same function; under TLS 1.2 they differ (RFC 5705 4), and
 * {@code openssl s_client -keymatexport} computes the absent-context value. So OpenSSL's library is asked for both
 * (through {@code exporter_client.c}, built here with gcc against libssl), and s_client is checked to print the
 * absent-context value: keygate equals OpenSSL's empty-context export in both versions, and s_client's output in
 * TLS 1.3.
 */
class TlsExporterOpenSslTest {
    private static final Pattern S_CLIENT = Pattern.compile("Keying material: ([0-9A-Fa-f]{128})");
    private static final String LABEL = "EXPORTER_3GPP_N32_MASTER";

    @TempDir
    Path dir;

    Map<String, LabSeppFiles> files;
    MutualTls server;

    /** What the JSSE server computed on its side of one connection. */
    record ServerSide(String n32MasterKey, String absentContext) {}

    @BeforeEach
    void pki() throws Exception {
        files = LabPki.generate(dir, List.of(new LabSepp("home", PlmnId.parse("001-01"), "sepp.home.example.org"),
                new LabSepp("visited", PlmnId.parse("999-99"), "sepp.visited.example.org")), Duration.ofDays(1));
        var home = files.get("home");
        server = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(home.certChain(), home.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(PlmnId.parse("999-99"),
                        PemFiles.readCertificates(files.get("visited").caCert()).getFirst()).build())
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tls1.2", "tls1.3"})
    void n32MasterKeyEqualsOpenSslEmptyContextExport(String version) throws Exception {
        Path helper = ExporterClientBuild.compile(dir);
        var visited = files.get("visited");
        try (SSLServerSocket listener = listen()) {
            CompletableFuture<ServerSide> serverSide = acceptOne(listener);
            String out = run(helper.toString(), "127.0.0.1", String.valueOf(listener.getLocalPort()),
                    visited.certChain().toString(), visited.privateKey().toString(),
                    files.get("home").caCert().toString(), version, LABEL, "64");
            ServerSide s = serverSide.get(30, TimeUnit.SECONDS);
            assertThat(field(out, "PROTOCOL")).isEqualTo(version.equals("tls1.2") ? "TLSv1.2" : "TLSv1.3");
            assertThat(s.n32MasterKey()).isEqualTo(field(out, "EMPTY_CONTEXT"));
            assertThat(s.absentContext()).isEqualTo(field(out, "NO_CONTEXT"));
            if (version.equals("tls1.2")) {
                assertThat(field(out, "EMPTY_CONTEXT")).isNotEqualTo(field(out, "NO_CONTEXT"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-tls1_2", "-tls1_3"})
    void opensslSClientPrintsTheAbsentContextValueWhichIsTheN32KeyUnderTls13(String flag) throws Exception {
        var visited = files.get("visited");
        try (SSLServerSocket listener = listen()) {
            CompletableFuture<ServerSide> serverSide = acceptOne(listener);
            String out = run("openssl", "s_client", flag, "-connect", "127.0.0.1:" + listener.getLocalPort(),
                    "-cert", visited.certChain().toString(), "-key", visited.privateKey().toString(),
                    "-CAfile", files.get("home").caCert().toString(), "-keymatexport", LABEL,
                    "-keymatexportlen", "64");
            Matcher m = S_CLIENT.matcher(out);
            assertThat(m.find()).as("openssl output:%n%s", out).isTrue();
            String sClient = m.group(1).toLowerCase();
            ServerSide s = serverSide.get(30, TimeUnit.SECONDS);
            assertThat(sClient).isEqualTo(s.absentContext());
            if (flag.equals("-tls1_3")) {
                assertThat(sClient).isEqualTo(s.n32MasterKey());
            }
        }
    }

    @Test
    void nullContextIsRefused() {
        assertThatThrownBy(() -> TlsExporter.export(null, LABEL, null, 64))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("empty is not absent");
    }

    private SSLServerSocket listen() throws Exception {
        SSLServerSocket listener = (SSLServerSocket) server.sslContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        listener.setSSLParameters(server.serverParameters());
        return listener;
    }

    private static CompletableFuture<ServerSide> acceptOne(SSLServerSocket listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket s = (SSLSocket) listener.accept()) {
                s.setSoTimeout(20_000);
                s.startHandshake();
                String n32 = HexFormat.of().formatHex(TlsExporter.export(s.getSession(), LABEL, new byte[0], 64)
                        .toByteArray(InsecureSecretAccess.get()));
                // The N32 entry point must be that very export.
                if (!TlsExporter.exportN32MasterKey(s.getSession()).sha256Fingerprint().equals(
                        org.keygate.crypto.secret.SecretBytes.copyOf(HexFormat.of().parseHex(n32)).sha256Fingerprint())) {
                    throw new IllegalStateException("exportN32MasterKey differs from export(label, empty, 64)");
                }
                String absent = HexFormat.of().formatHex(
                        ((ExtendedSSLSession) s.getSession()).exportKeyingMaterialData(LABEL, null, 64));
                s.getInputStream().read();
                return new ServerSide(n32, absent);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\S+)$").matcher(out);
        assertThat(m.find()).as("%s in%n%s", name, out).isTrue();
        return m.group(1);
    }

    private static String run(String... cmd) throws Exception {
        return ExporterClientBuild.runOk(cmd);
    }
}
