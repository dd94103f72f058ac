package org.keygate.sbi.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiResponse;

/**
 * A request that breaks the protocol in one stream (RFC 9113 8.1.1: DATA that does not add up to its content-length
 * makes the request malformed, a stream error of type PROTOCOL_ERROR) is reset and never reaches the handler, and the
 * connection goes on serving. Driven with raw frames over a socket (RFC 9113 4, 6; header blocks hand-encoded per RFC
 * 7541 6.1 and 6.2.2), independent of Netty's codec.
 */
class StreamErrorTest {
    private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, GOAWAY = 7;
    private static final int END_STREAM = 0x1, END_HEADERS = 0x4, ACK = 0x1;
    private static final int PROTOCOL_ERROR = 1;

    @Test
    void dataShortOfItsContentLengthResetsThatStreamOnlyAndNeverReachesTheHandler() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        SbiServer server = SbiServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler((r, c) -> {
                    handled.incrementAndGet();
                    return CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes()));
                }).build().start();
        try (server; Socket s = new Socket("127.0.0.1", server.localAddress().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, SETTINGS, 0, 0, new byte[0]);
            // Stream 1: POST announcing 10 octets, then 5 and the end of the stream.
            frame(out, HEADERS, END_HEADERS, 1, block("POST", "10"));
            frame(out, DATA, END_STREAM, 1, "{\"a\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int[] reset = readUntil(in, out, RST_STREAM, 1);
            assertThat(reset[1]).as("RST_STREAM error code").isEqualTo(PROTOCOL_ERROR);
            // Stream 3 on the same connection: a GET, answered.
            frame(out, HEADERS, END_HEADERS | END_STREAM, 3, block("GET", null));
            out.flush();
            int[] answer = readUntil(in, out, HEADERS, 3);
            assertThat(answer[0]).as("the answer's HEADERS on stream 3").isEqualTo(HEADERS);
            assertThat(handled.get()).as("requests the handler saw").isEqualTo(1);
        }
    }

    /** :method, :scheme http, :path /a, :authority, and content-length if given; literals without indexing. */
    private static byte[] block(String method, String contentLength) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(method.equals("GET") ? 0x82 : 0x83); // RFC 7541 Appendix A: 2 = :method GET, 3 = :method POST
        b.write(0x86); // 6 = :scheme http
        literal(b, 4, "/a"); // 4 = :path
        literal(b, 1, "localhost"); // 1 = :authority
        if (contentLength != null) {
            literal(b, 28, contentLength); // 28 = content-length
        }
        return b.toByteArray();
    }

    /** RFC 7541 6.2.2: literal header field without indexing, indexed name (4-bit prefix), raw string value. */
    private static void literal(ByteArrayOutputStream b, int nameIndex, String value) {
        if (nameIndex < 15) {
            b.write(nameIndex);
        } else {
            b.write(15);
            b.write(nameIndex - 15);
        }
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        b.write(v.length); // below 127: one octet, no Huffman
        b.write(v, 0, v.length);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream});
        out.write(payload);
    }

    /**
     * Reads frames until one of {@code type} on {@code stream}; returns its type and, for RST_STREAM, its error code.
     * SETTINGS are acknowledged; a GOAWAY (the connection failed) or the socket's timeout ends the test.
     */
    private static int[] readUntil(DataInputStream in, OutputStream out, int type, int stream) throws IOException {
        for (int frames = 0; frames < 100; frames++) {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int t = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int id = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (t == SETTINGS && (flags & ACK) == 0) {
                frame(out, SETTINGS, ACK, 0, new byte[0]);
                out.flush();
            }
            assertThat(t).as("the server ended the connection").isNotEqualTo(GOAWAY);
            if (t == type && id == stream) {
                int code = t == RST_STREAM ? java.nio.ByteBuffer.wrap(payload).getInt() : -1;
                return new int[] {t, code};
            }
        }
        throw new AssertionError("no frame of type " + type + " on stream " + stream + " in 100 frames");
    }
}
