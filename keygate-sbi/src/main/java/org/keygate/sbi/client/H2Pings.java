package org.keygate.sbi.client;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/2 PINGs of a client connection and their acknowledgements (RFC 9113 6.7): whether the peer still answers on
 * this connection, not only whether the socket is open. Netty's connection handler answers the peer's PINGs itself;
 * the acknowledgements of this side's own come here. State is touched on the connection's event loop only.
 */
final class H2Pings {
    private final Http2Calls connection;
    private final Map<Long, CompletableFuture<Void>> outstanding = new HashMap<>();
    private long next;

    H2Pings(Http2Calls connection) {
        this.connection = connection;
    }

    /** Completes when the peer acknowledges a PING sent now; fails after {@code timeout} or when the connection ends. */
    CompletableFuture<Void> ping(Duration timeout) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var loop = connection.loop();
        loop.execute(() -> {
            if (!connection.isOpen()) {
                acked.completeExceptionally(new IOException("the connection is closed"));
                return;
            }
            long content = next++;
            outstanding.put(content, acked);
            connection.writePing(content);
            var timer = loop.schedule(() -> {
                if (outstanding.remove(content) != null) {
                    acked.completeExceptionally(new TimeoutException("no PING acknowledgement within "
                            + timeout.toMillis() + " ms"));
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            acked.whenComplete((v, e) -> timer.cancel(false));
        });
        return acked;
    }

    /** The peer acknowledged the PING with {@code content}; one of nothing outstanding (late, or not ours) is dropped. */
    void acknowledged(long content) {
        CompletableFuture<Void> acked = outstanding.remove(content);
        if (acked != null) {
            acked.complete(null);
        }
    }

    /** The connection closed: what is outstanding fails. */
    void closed() {
        IOException closed = new IOException("the connection closed before the PING was acknowledged");
        outstanding.values().forEach(f -> f.completeExceptionally(closed));
        outstanding.clear();
    }
}
