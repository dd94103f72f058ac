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
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.exporter.ExporterClientBuild;

/**
 * The N32-f keys a keygate N32-c server derives come from the TLS exporter value OpenSSL computes for the same
 * connection (TS 33.501 13.2.2.2 step 4, 13.2.4.4.1).
 *
 * <p>OpenSSL plays the initiating SEPP over HTTP/2 (frames written here, ALPN h2: N32-c refuses HTTP/1.1) on one TLS connection: exchange-capability, then
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
                N32MasterKey.EXPORTER_LABEL, "64", requests.toString(), "h2");
        Matcher export = Pattern.compile("(?m)^EMPTY_CONTEXT=([0-9a-f]{128})$").matcher(out);
        assertThat(export.find()).as("OpenSSL client output:%n%s", out).isTrue();
        assertSameKeys(export.group(1), out);
    }

    @Test
    void serverKeysComeFromTheValueOpensslSClientPrintsUnderTls13() throws Exception {
        var visited = sepps.files.get("visited");
        Process p = new ProcessBuilder("openssl", "s_client", "-tls1_3", "-connect",
                "127.0.0.1:" + home.n32cAddress().getPort(), "-servername", "localhost", "-alpn", "h2",
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
        // The HTTP/2 server keeps the connection: stop s_client once the answer is in (bounded: 30 s).
        for (int i = 0; i < 300 && p.isAlive() && !RESPONDER_ID.matcher(bytes.toString(StandardCharsets.UTF_8)).find();
                i++) {
            Thread.sleep(100);
        }
        p.destroyForcibly();
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

    /**
     * exchange-capability (stream 1), then exchange-params (stream 3), as HTTP/2 frames (RFC 9113): the client
     * preface, an empty SETTINGS, and for each request a HEADERS frame (HPACK literal fields without indexing and
     * without Huffman coding, RFC 7541 6.2.2) and one DATA frame ending the stream.
     */
    private static byte[] handshakeRequests() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(out, 0x4, 0, 0, new byte[0]);
        request(out, 1, "exchange-capability", "{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn()
                + "\",\"supportedSecCapabilityList\":[\"PRINS\"]}");
        request(out, 3, "exchange-params", "{\"n32fContextId\":\"" + INITIATOR_ID
                + "\",\"jweCipherSuiteList\":[\"A128GCM\"],\"jwsCipherSuiteList\":[\"ES256\"]}");
        return out.toByteArray();
    }

    private static void request(java.io.ByteArrayOutputStream out, int stream, String operation, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream block = new java.io.ByteArrayOutputStream();
        for (String[] f : new String[][] {{":method", "POST"}, {":scheme", "https"}, {":authority", "localhost"},
                {":path", "/n32c-handshake/v1/" + operation}, {"content-type", "application/json"},
                {"content-length", String.valueOf(body.length)}}) {
            block.write(0x00);
            literal(block, f[0]);
            literal(block, f[1]);
        }
        frame(out, 0x1, 0x4, stream, block.toByteArray()); // HEADERS, END_HEADERS
        frame(out, 0x0, 0x1, stream, body); // DATA, END_STREAM
    }

    /** An HPACK string literal without Huffman coding; every string here is shorter than 127 octets. */
    private static void literal(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void frame(java.io.ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.write(stream >>> 24);
        out.write(stream >>> 16);
        out.write(stream >>> 8);
        out.write(stream);
        out.writeBytes(payload);
    }
}
