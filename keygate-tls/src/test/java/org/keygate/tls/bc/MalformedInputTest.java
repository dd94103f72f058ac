package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Hostile bytes on the BC server's socket: each gets a fatal alert (RFC 8446 6.2) and a closed connection, and the
 * server goes on serving real clients.
 */
class MalformedInputTest {
    private static final String KEY_HEX = HexFormat.of().formatHex(BcTlsServerOpenSslTest.KEY);

    /** Sends {@code bytes}, reads until the server closes; the reply must be exactly one fatal alert record. */
    private static byte[] exchange(int port, byte[] bytes, boolean halfClose) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            InputStream in = s.getInputStream();
            return in.readAllBytes(); // returns at EOF: the server closed the connection
        }
    }

    private static void assertFatalAlert(byte[] reply, int description) {
        assertThat(reply).hasSize(7);
        assertThat(reply[0]).as("content type alert (21)").isEqualTo((byte) 21);
        assertThat(reply[5]).as("level fatal (2)").isEqualTo((byte) 2);
        assertThat(reply[6] & 0xff).as("alert description").isEqualTo(description);
    }

    private static void assertStillServes(EchoServer server) throws Exception {
        ExternalTool.Result r = ExternalTool.run(BcTlsServerOpenSslTest.sClient(server.port(), "-tls1_2", KEY_HEX,
                BcTlsServerOpenSslTest.IDENTITY), "still here\n");
        assertThat(r.output()).contains("echo:still here");
    }

    @Test
    void httpInsteadOfTlsGetsAnAlert() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            byte[] reply = exchange(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(
                    StandardCharsets.US_ASCII), false);
            // 'G' (0x47) is no content type: unexpected_message (RFC 8446 5: 10)
            assertFatalAlert(reply, 10);
            assertThat(server.failure()).isInstanceOf(BcTlsAlertException.class);
            assertStillServes(server);
        }
    }

    @Test
    void oversizedRecordGetsRecordOverflow() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            byte[] header = {22, 3, 3, (byte) 0xff, (byte) 0xff};
            // RFC 8446 5.1: over 2^14 + 256 octets is record_overflow (22)
            assertFatalAlert(exchange(server.port(), header, false), 22);
            assertStillServes(server);
        }
    }

    @Test
    void garbageHandshakeMessageGetsAnAlert() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            // A handshake record holding a "ClientHello" of 7 garbage octets
            byte[] record = {22, 3, 1, 0, 11, 1, 0, 0, 7, 3, 3, 9, 9, 9, 9, 9};
            byte[] reply = exchange(server.port(), record, false);
            assertThat(reply[0]).isEqualTo((byte) 21);
            assertThat(reply[5]).isEqualTo((byte) 2);
            // decode_error (50) for a body too short to parse
            assertThat(reply[6] & 0xff).isEqualTo(50);
            assertStillServes(server);
        }
    }

    @Test
    void truncatedHandshakeThenEofClosesQuietly() throws Exception {
        try (EchoServer server = new EchoServer(BcTlsServerOpenSslTest.pskServer())) {
            byte[] partial = {22, 3, 1, 0, (byte) 200, 1, 0, 0};
            byte[] reply = exchange(server.port(), partial, true);
            assertThat(reply).isEmpty();
            assertThat(server.failure()).hasMessage("connection closed before the TLS handshake completed");
            assertStillServes(server);
        }
    }
}
