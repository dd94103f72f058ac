package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32KdfLabel;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.n32c.model.SecurityCapability;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.exporter.ExporterClientBuild;

/**
 * The N32-f keys a keygate N32-c server derives come from the TLS exporter value OpenSSL computes for the same
 * connection (TS 33.501 13.2.2.2 step 4, 13.2.4.4.1).
 *
 * <p>OpenSSL plays the initiating SEPP over HTTP/1.1 on one TLS connection: exchange-capability, then
 * exchange-params with its context ID. The test derives the eight N32-f values from OpenSSL's export and compares
 * them, by fingerprint, with the ones in the server's context registry: no test hook, no key leaves the server.
 * {@code openssl s_client -keymatexport} computes the export without a context, which equals TS 33.501's empty
 * context under TLS 1.3 only (RFC 5705 4 vs RFC 8446 7.5); under TLS 1.2 OpenSSL's library is asked for the empty
 * context directly (see keygate-tls TlsExporterOpenSslTest).
 */
class N32cExporterOpenSslTest {
    private static final Pattern S_CLIENT = Pattern.compile("Keying material: ([0-9A-Fa-f]{128})");
    private static final Pattern RESPONDER_ID = Pattern.compile("\"n32fContextId\"\\s*:\\s*\"([0-9a-f]{16})\"");
    private static final String INITIATOR_ID = "0123456789abcdef";

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;

    @BeforeEach
    void start() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(List.of(SecurityCapability.PRINS)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        home.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tls1.2", "tls1.3"})
    void serverKeysComeFromOpenSslsEmptyContextExport(String version) throws Exception {
        Path client = ExporterClientBuild.compile(dir);
        Path requests = dir.resolve("requests.http");
        Files.write(requests, handshakeRequests());
        var visited = sepps.files.get("visited");
        String out = ExporterClientBuild.run(client.toString(), "127.0.0.1",
                String.valueOf(home.n32cAddress().getPort()), visited.certChain().toString(),
                visited.privateKey().toString(), sepps.files.get("home").caCert().toString(), version,
                N32MasterKey.EXPORTER_LABEL, "64", requests.toString());
        Matcher export = Pattern.compile("(?m)^EMPTY_CONTEXT=([0-9a-f]{128})$").matcher(out);
        assertThat(export.find()).as("OpenSSL client output:%n%s", out).isTrue();
        assertSameKeys(export.group(1), out);
    }

    @Test
    void serverKeysComeFromTheValueOpensslSClientPrintsUnderTls13() throws Exception {
        var visited = sepps.files.get("visited");
        Process p = new ProcessBuilder("openssl", "s_client", "-tls1_3", "-connect",
                "127.0.0.1:" + home.n32cAddress().getPort(), "-servername", "localhost", "-alpn", "http/1.1",
                "-cert", visited.certChain().toString(), "-key", visited.privateKey().toString(),
                "-CAfile", sepps.files.get("home").caCert().toString(), "-verify_return_error", "-ign_eof",
                "-keymatexport", N32MasterKey.EXPORTER_LABEL, "-keymatexportlen", "64")
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(handshakeRequests());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(bytes);
            } catch (java.io.IOException ignored) {
                // destroyed
            }
        });
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        reader.join(5000);
        String out = bytes.toString(StandardCharsets.UTF_8);
        Matcher km = S_CLIENT.matcher(out);
        assertThat(km.find()).as("openssl printed the keying material:%n%s", out).isTrue();
        assertSameKeys(km.group(1).toLowerCase(), out);
    }

    private void assertSameKeys(String exportHex, String out) {
        Matcher id = RESPONDER_ID.matcher(out);
        assertThat(id.find()).as("the server answered exchange-params:%n%s", out).isTrue();
        N32MasterKey openSsl = N32MasterKey.of(SecretBytes.copyOf(HexFormat.of().parseHex(exportHex)));
        N32fContextId responderId = N32fContextId.parse(id.group(1));
        var expected = N32fSessionKeys.derive(openSsl, N32fContextId.parse(INITIATOR_ID), responderId,
                JweEnc.A128GCM).fingerprints();
        var server = home.contexts().byLocalId(responderId).orElseThrow().sessionKeys().orElseThrow().fingerprints();
        assertThat(server).hasSize(N32KdfLabel.values().length).isEqualTo(expected);
    }

    /** exchange-capability, then exchange-params (cipher suites) closing the connection, as HTTP/1.1. */
    private static byte[] handshakeRequests() {
        String a = http("exchange-capability", "{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn()
                + "\",\"supportedSecCapabilityList\":[\"PRINS\"]}", false);
        String b = http("exchange-params", "{\"n32fContextId\":\"" + INITIATOR_ID
                + "\",\"jweCipherSuiteList\":[\"A128GCM\"],\"jwsCipherSuiteList\":[\"ES256\"]}", true);
        return (a + b).getBytes(StandardCharsets.UTF_8);
    }

    private static String http(String operation, String json, boolean last) {
        return "POST /n32c-handshake/v1/" + operation + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n" + (last ? "Connection: close\r\n" : "")
                + "\r\n" + json;
    }
}
