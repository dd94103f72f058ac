package org.keygate.capif;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A notification receiver that speaks HTTP/1.1 only, like a Flask or Express callback: the JDK's own
 * {@code com.sun.net.httpserver} on loopback. Answers the scripted statuses in order, then 204; records each request.
 */
public final class Http11Receiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Received(String protocol, String method, String path, String contentType, byte[] body, int answered) {}

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public Http11Receiver(int... statuses) throws IOException {
        for (int s : statuses) {
            script.add(s);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            Integer scripted = script.poll();
            int status = scripted == null ? 204 : scripted;
            received.add(new Received(ex.getProtocol(), ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("content-type"), body, status));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    public Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no request within 10 s");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
