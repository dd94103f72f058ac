package org.keygate.sbi.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An h2c server (prior knowledge) written with raw frames (RFC 9113 4, 6), independent of Netty's codec, that behaves
 * as a test asks for each request: it answers only within the flow-control windows the client left it, and like
 * Open5GS's N32-f server (issue 19) fails the whole connection when an answer would not fit; or it refuses the stream
 * (REFUSED_STREAM), sends GOAWAY, or resets a stream it may have processed. Request header blocks are not decoded
 * (only the stream matters); answers carry {@code :status 200} as the static-table index 8 (RFC 7541 Appendix A).
 * One thread per connection, bounded by socket timeouts.
 */
final class RawH2Server implements AutoCloseable {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA = 0, HEADERS = 1, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7,
            WINDOW_UPDATE = 8;
    private static final int END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4;
    static final int NO_ERROR = 0, INTERNAL_ERROR = 2, FLOW_CONTROL_ERROR = 3, REFUSED_STREAM = 7;
    /** SETTINGS_MAX_FRAME_SIZE's initial value (RFC 9113 6.5.2): the client never raised it in our tests. */
    private static final int MAX_FRAME = 16_384;

    /** What to do with a complete request. */
    sealed interface Action {}

    /** Answer 200 with that many octets of body, if the windows allow; else fail the connection (Open5GS). */
    record Answer(int bodyBytes) implements Action {}

    /** RST_STREAM REFUSED_STREAM: not processed (RFC 9113 8.7). */
    record Refuse() implements Action {}

    /** GOAWAY with this stream's ID minus 2 as last-stream-id (this stream unprocessed), then close. */
    record GoAwayBelow() implements Action {}

    /** RST_STREAM INTERNAL_ERROR after the request was read: it may have been processed. */
    record ResetProcessed() implements Action {}

    /** Chooses the action for a request: {@code connection} counts from 0, {@code request} across all connections. */
    interface Script {
        Action onRequest(int connection, int request);
    }

    private final ServerSocket socket;
    private final Script script;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    /** What the server saw that broke flow control on its side (why it failed a connection). */
    final List<String> windowFaults = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Cleared, the server keeps the connection open but acknowledges no PING (a peer that hangs). */
    volatile boolean acknowledgesPings = true;
    /** PINGs received, acknowledged or not. */
    final AtomicInteger pings = new AtomicInteger();

    RawH2Server(Script script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().name("raw-h2-accept").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    /** Complete requests read, on all connections. */
    int requests() {
        return requests.get();
    }

    int answers() {
        return answers.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setSoTimeout(30_000);
                open.add(s);
                int index = connections.getAndIncrement();
                Thread.ofPlatform().daemon().name("raw-h2-" + index).start(() -> serve(s, index));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            new Connection(s, connection).run();
            // After a GOAWAY: let the client read it before the close (unread input would turn the close into a
            // TCP reset that can overtake it), until the client closes or a bound passes.
            s.shutdownOutput();
            s.setSoTimeout(5_000);
            while (s.getInputStream().read(new byte[4096]) >= 0) {
                // discard
            }
        } catch (SocketTimeoutException e) {
            // the test is over
        } catch (IOException e) {
            // the client went away
        }
    }

    /** One connection's state, on its own thread. */
    private final class Connection {
        private final DataInputStream in;
        private final OutputStream out;
        private final int index;
        private int initialStreamWindow = 65_535; // RFC 9113 6.9.2: until the client's SETTINGS say otherwise
        private long connectionWindow = 65_535;
        private final Map<Integer, Long> streamWindows = new HashMap<>();

        Connection(Socket s, int index) throws IOException {
            this.in = new DataInputStream(s.getInputStream());
            this.out = s.getOutputStream();
            this.index = index;
        }

        void run() throws IOException {
            byte[] preface = in.readNBytes(PREFACE.length);
            if (!Arrays.equals(preface, PREFACE)) {
                return;
            }
            frame(SETTINGS, 0, 0, new byte[0]);
            while (true) {
                int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fff_ffff;
                byte[] payload = in.readNBytes(length);
                if (payload.length < length) {
                    return;
                }
                switch (type) {
                    case SETTINGS -> {
                        if ((flags & ACK) == 0) {
                            settings(payload);
                            frame(SETTINGS, ACK, 0, new byte[0]);
                        }
                    }
                    case WINDOW_UPDATE -> {
                        long increment = int32(payload, 0) & 0x7fff_ffffL;
                        if (stream == 0) {
                            connectionWindow += increment;
                        } else {
                            streamWindows.merge(stream, increment, Long::sum);
                        }
                    }
                    case PING -> {
                        if ((flags & ACK) == 0) {
                            pings.incrementAndGet();
                            if (acknowledgesPings) {
                                frame(PING, ACK, 0, payload);
                            }
                        }
                    }
                    case HEADERS, DATA -> {
                        if (type == HEADERS) {
                            streamWindows.putIfAbsent(stream, (long) initialStreamWindow);
                        }
                        if (type == DATA && length > 0) { // give the client its credit back at once
                            frame(WINDOW_UPDATE, 0, 0, int32(length));
                            frame(WINDOW_UPDATE, 0, stream, int32(length));
                        }
                        if ((flags & END_STREAM) != 0 && !respond(stream)) {
                            return;
                        }
                    }
                    case GOAWAY -> {
                        return;
                    }
                    default -> { } // PRIORITY, RST_STREAM: nothing to do
                }
            }
        }

        private void settings(byte[] payload) {
            for (int i = 0; i + 6 <= payload.length; i += 6) {
                int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
                int value = int32(payload, i + 2);
                if (id == 4) { // SETTINGS_INITIAL_WINDOW_SIZE: applies to open streams too (RFC 9113 6.9.2)
                    int delta = value - initialStreamWindow;
                    streamWindows.replaceAll((k, v) -> v + delta);
                    initialStreamWindow = value;
                }
            }
        }

        /** False: the connection was failed or ended. */
        private boolean respond(int stream) throws IOException {
            Action action = script.onRequest(index, requests.getAndIncrement());
            switch (action) {
                case Refuse r -> frame(RST_STREAM, 0, stream, int32(REFUSED_STREAM));
                case ResetProcessed r -> frame(RST_STREAM, 0, stream, int32(INTERNAL_ERROR));
                case GoAwayBelow g -> {
                    frame(GOAWAY, 0, 0, concat(int32(Math.max(0, stream - 2)), int32(NO_ERROR)));
                    out.flush();
                    return false;
                }
                case Answer a -> {
                    long window = Math.min(streamWindows.getOrDefault(stream, (long) initialStreamWindow),
                            connectionWindow);
                    if (a.bodyBytes() > window) {
                        // Open5GS's nghttp2 use fails the session here (-902) and drops every stream with it.
                        windowFaults.add("stream " + stream + ": an answer of " + a.bodyBytes()
                                + " octets, the client left a window of " + window);
                        frame(GOAWAY, 0, 0, concat(int32(stream), int32(FLOW_CONTROL_ERROR)));
                        out.flush();
                        return false;
                    }
                    frame(HEADERS, END_HEADERS | (a.bodyBytes() == 0 ? END_STREAM : 0), stream, new byte[] {(byte) 0x88});
                    int sent = 0;
                    while (sent < a.bodyBytes()) {
                        int n = Math.min(MAX_FRAME, a.bodyBytes() - sent);
                        sent += n;
                        frame(DATA, sent == a.bodyBytes() ? END_STREAM : 0, stream, new byte[n]);
                    }
                    streamWindows.merge(stream, (long) -a.bodyBytes(), Long::sum);
                    connectionWindow -= a.bodyBytes();
                    answers.incrementAndGet();
                }
            }
            out.flush();
            return true;
        }

        private void frame(int type, int flags, int stream, byte[] payload) throws IOException {
            byte[] header = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                    (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                    (byte) stream};
            out.write(header);
            out.write(payload);
        }
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        acceptor.interrupt();
    }
}
