package org.keygate.capif;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;

/**
 * An invoker's notification endpoint on loopback that speaks HTTP/2 (h2c, by prior knowledge or upgrade) and
 * HTTP/1.1, recording what arrives and on which protocol.
 */
public final class NotificationSink implements AutoCloseable {
    private final LinkedBlockingQueue<SbiRequest> received = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> protocols = new LinkedBlockingQueue<>();
    private final SbiServer server;

    public NotificationSink() {
        server = SbiServer.builder().name("notifications").bind(new InetSocketAddress("127.0.0.1", 0)).cleartext()
                .handler((r, c) -> {
                    protocols.add(c.protocol());
                    received.add(r);
                    return CompletableFuture.completedFuture(SbiResponse.noContent());
                }).build().start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.localAddress().getPort() + "/notify";
    }

    public SbiRequest next() throws InterruptedException {
        SbiRequest r = received.poll(10, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no notification within 10 s");
        }
        return r;
    }

    /** The protocol the next recorded notification came on ({@code h2c} or {@code http/1.1}). */
    public String nextProtocol() throws InterruptedException {
        String p = protocols.poll(10, TimeUnit.SECONDS);
        if (p == null) {
            throw new AssertionError("no notification within 10 s");
        }
        return p;
    }

    /** Whether nothing has arrived yet (no wait: for checks after another channel got what it should). */
    public boolean receivedNothing() {
        return received.isEmpty();
    }

    @Override
    public void close() {
        server.close();
    }
}
