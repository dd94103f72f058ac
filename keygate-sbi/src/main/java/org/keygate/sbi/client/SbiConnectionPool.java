package org.keygate.sbi.client;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.loop.SbiEventLoops;

/**
 * One HTTP/2 connection per destination ({@code K}: a partner, a next hop, an NF) and per event loop, opened on first
 * use and reopened once closed; concurrent callers share the connection being opened. With shared loops, a caller on
 * one of them gets the connection bound to its own loop (opened from that thread, so {@link SbiClient} binds it
 * there): a server handler forwarding on it stays on its thread. Callers on other threads share one connection per
 * destination.
 */
public final class SbiConnectionPool<K> implements AutoCloseable {
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
        Slot<K> slot = new Slot<>(destination, loops == null ? null : loops.callersLoop());
        CompletableFuture<SbiClientConnection> existing = slots.get(slot);
        if (existing == null || !isUsable(existing)) {
            existing = slots.compute(slot, (s, current) -> current != null && isUsable(current) ? current
                    : open.apply(destination));
        }
        if (existing.isDone()) {
            return existing; // the hot path: no lock, no allocation beyond the slot key
        }
        // Still opening: the caller's send will run on another stack, where its SbiCall is no longer bound.
        SbiCall call = SbiCall.current();
        return call == null ? existing : existing.thenApply(c -> new CallBoundConnection(c, call));
    }

    /** Drops {@code failed} (if it is still the one in use), so that the next request opens a fresh connection. */
    public void forget(K destination, CompletableFuture<SbiClientConnection> failed) {
        slots.entrySet().removeIf(e -> e.getKey().destination().equals(destination) && e.getValue() == failed);
        failed.thenAccept(SbiClientConnection::close);
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
        return !f.isCompletedExceptionally() && !f.join().closeFuture().toCompletableFuture().isDone();
    }
}
