package org.keygate.sbi.client;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.loop.SbiEventLoops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/2 connection per destination ({@code K}: a partner, a next hop, an NF) and per event loop, opened on first
 * use and reopened once closed; concurrent callers share the connection being opened. With shared loops, a caller on
 * one of them gets the connection bound to its own loop (opened from that thread, so {@link SbiClient} binds it
 * there): a server handler forwarding on it stays on its thread. Callers on other threads share one connection per
 * destination.
 *
 * <p>{@link #exchange} sends a request once more, on a new connection, when the peer certainly did not process it
 * ({@link UnprocessedRequestException}: GOAWAY below its stream, REFUSED_STREAM, never sent; RFC 9113 8.7, 6.8).
 * A connection the peer is ending (GOAWAY) is not handed out again; the next caller gets a new one.
 */
public final class SbiConnectionPool<K> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SbiConnectionPool.class);
    private final SbiEventLoops loops;
    private final Function<K, CompletableFuture<SbiClientConnection>> open;
    private final ConcurrentHashMap<Slot<K>, CompletableFuture<SbiClientConnection>> slots = new ConcurrentHashMap<>();

    /** {@code loop} null: the slot of callers outside the shared loops. */
    private record Slot<K>(K destination, EventLoop loop) {}

    /**
     * @param loops the loops the client runs on, or null for one connection per destination
     * @param open opens (and checks) a connection to a destination; called from the caller's thread
     */
    public SbiConnectionPool(SbiEventLoops loops, Function<K, CompletableFuture<SbiClientConnection>> open) {
        this.loops = loops;
        this.open = open;
    }

    /** The open connection to {@code destination} for the calling thread, or a new one. */
    public CompletableFuture<SbiClientConnection> connection(K destination) {
        return bound(slot(destination), SbiCall.current());
    }

    /**
     * Runs {@code send} (which sends one request, after any checks of the connection it wants) on the connection to
     * {@code destination}; if the peer did not process the request, once more on a new connection. Any other
     * failure is the caller's: a request the peer may have processed is never sent twice.
     */
    public CompletableFuture<SbiResponse> exchange(K destination,
            Function<SbiClientConnection, CompletableFuture<SbiResponse>> send) {
        SbiCall call = SbiCall.current();
        CompletableFuture<SbiClientConnection> first = slot(destination);
        return bound(first, call).thenCompose(send).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!(cause instanceof UnprocessedRequestException)) {
                return CompletableFuture.failedFuture(failure);
            }
            log.debug("{}: sent again on a new connection to {}", cause.getMessage(), destination);
            retire(destination, first);
            // On the failed connection's loop, which is the caller's own when the loops are shared; the caller's
            // SbiCall is not bound on this stack, so the retry carries it explicitly.
            CompletableFuture<SbiClientConnection> second = slot(destination);
            return (call == null ? second : second.thenApply(c -> (SbiClientConnection) new CallBoundConnection(c, call)))
                    .thenCompose(send);
        });
    }

    private CompletableFuture<SbiClientConnection> slot(K destination) {
        Slot<K> slot = new Slot<>(destination, loops == null ? null : loops.callersLoop());
        CompletableFuture<SbiClientConnection> existing = slots.get(slot);
        if (existing == null || !isUsable(existing)) {
            existing = slots.compute(slot, (s, current) -> current != null && isUsable(current) ? current
                    : open.apply(destination));
        }
        return existing;
    }

    private static CompletableFuture<SbiClientConnection> bound(CompletableFuture<SbiClientConnection> f, SbiCall call) {
        if (f.isDone() || call == null) {
            return f; // the hot path: no lock, no allocation beyond the slot key
        }
        // Still opening: the caller's send will run on another stack, where its SbiCall is no longer bound.
        return f.thenApply(c -> new CallBoundConnection(c, call));
    }

    /**
     * Takes {@code used} out of the pool (if it is still there) without cutting the requests in flight on it: it
     * closes once they are answered. A stream the peer refused says nothing of the others on the connection.
     */
    private void retire(K destination, CompletableFuture<SbiClientConnection> used) {
        slots.entrySet().removeIf(e -> e.getKey().destination().equals(destination) && e.getValue() == used);
        used.thenAccept(SbiClientConnection::retire);
    }

    /**
     * Takes every connection to {@code destination} out of the pool without cutting the requests in flight on them
     * (each closes once they are answered); the next request opens a new one. The future completes when all have
     * closed, or at once when there were none.
     */
    public CompletableFuture<Void> retire(K destination) {
        java.util.List<CompletableFuture<SbiClientConnection>> taken = new java.util.ArrayList<>();
        slots.entrySet().removeIf(e -> {
            if (!e.getKey().destination().equals(destination)) {
                return false;
            }
            taken.add(e.getValue());
            return true;
        });
        return CompletableFuture.allOf(taken.stream().map(f -> f.handle((c, err) -> c).thenCompose(c -> {
            if (c == null) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            c.retire();
            return c.closeFuture().toCompletableFuture().handle((v, e) -> (Void) null);
        })).toArray(CompletableFuture[]::new));
    }

    /**
     * Closes at once the open connections {@code which} accepts (e.g. a peer whose certificate was revoked, issue 18)
     * and takes them out of the pool; returns how many.
     */
    public int closeIf(java.util.function.Predicate<SbiClientConnection> which) {
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        slots.entrySet().removeIf(e -> {
            CompletableFuture<SbiClientConnection> f = e.getValue();
            if (!f.isDone() || f.isCompletedExceptionally() || !which.test(f.join())) {
                return false;
            }
            f.join().close();
            closed.incrementAndGet();
            return true;
        });
        return closed.get();
    }

    /** Closes every connection to {@code destination}; the next request opens new ones. */
    public void close(K destination) {
        slots.entrySet().removeIf(e -> {
            if (!e.getKey().destination().equals(destination)) {
                return false;
            }
            e.getValue().thenAccept(SbiClientConnection::close);
            return true;
        });
    }

    @Override
    public void close() {
        slots.values().forEach(c -> c.thenAccept(SbiClientConnection::close));
        slots.clear();
    }

    private static boolean isUsable(CompletableFuture<SbiClientConnection> f) {
        if (!f.isDone()) {
            return true;
        }
        return !f.isCompletedExceptionally() && f.join().acceptsNewStreams();
    }
}
