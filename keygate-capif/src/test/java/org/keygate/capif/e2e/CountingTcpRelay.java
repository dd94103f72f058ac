package org.keygate.capif.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte relay on 127.0.0.1 in front of a server, counting the TCP connections it accepts: how the tests see how
 * many connections (hence TLS handshakes) a client opens to the server behind it. A connection whose far side cannot
 * be reached is closed at once, as the server's own refusal would. Hand-written: a test harness, a few lines of
 * sockets, no library relays and counts.
 */
final class CountingTcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    CountingTcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                accepted.incrementAndGet();
                open.add(in);
                Thread.ofVirtual().start(() -> relay(in));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket in) {
        try (in; Socket out = new Socket()) {
            out.connect(target, 2000);
            open.add(out);
            Thread back = Thread.ofVirtual().start(() -> pump(out, in));
            pump(in, out);
            back.join(5000);
        } catch (IOException | InterruptedException e) {
            // the far side is away: closing `in` tells the client
        } finally {
            open.remove(in);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
            int n;
            while ((n = i.read(buf)) > 0) {
                o.write(buf, 0, n);
                o.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(CountingTcpRelay::closeQuietly);
    }
}
