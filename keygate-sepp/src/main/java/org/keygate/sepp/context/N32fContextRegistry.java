package org.keygate.sepp.context;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.keygate.crypto.n32.N32fContextId;

/**
 * The live N32-f contexts of one SEPP: one current context per peer, PRINS contexts also indexed by this SEPP's
 * own context ID (the ID that arriving N32-f messages and n32f-terminate carry).
 *
 * <p>Thread-safe. Terminal contexts are removed, not kept: nothing about them is needed once they end, and
 * their keys are dropped with them. Time comes from the injected {@link Clock}.
 */
public final class N32fContextRegistry {
    private final Map<String, N32fContext> currentByPeer = new ConcurrentHashMap<>();
    private final Map<N32fContextId, N32fContext> byLocalId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final List<Consumer<N32fContext>> endListeners = new CopyOnWriteArrayList<>();

    public N32fContextRegistry(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** Called with the final value of every context that ends (terminated, failed or expired). */
    public void onContextEnd(Consumer<N32fContext> listener) {
        endListeners.add(listener);
    }

    /** Makes {@code context} the peer's current one; a context it replaces ends as TERMINATED. */
    public void put(N32fContext context) {
        context.localContextId().ifPresent(id -> byLocalId.put(id, context));
        N32fContext previous = currentByPeer.put(context.peer().name(), context);
        if (previous != null && !sameContext(previous, context)) {
            previous.localContextId().ifPresent(byLocalId::remove);
            fireEnd(previous.withState(N32fContextState.TERMINATED));
        }
    }

    public Optional<N32fContext> current(String peerName) {
        return Optional.ofNullable(currentByPeer.get(peerName));
    }

    public Optional<N32fContext> byLocalId(N32fContextId id) {
        return Optional.ofNullable(byLocalId.get(id));
    }

    /** Applies {@code change} to the context with this local ID, if it is still live. */
    public Optional<N32fContext> update(N32fContextId localId, UnaryOperator<N32fContext> change) {
        N32fContext updated = byLocalId.computeIfPresent(localId, (id, c) -> change.apply(c));
        if (updated != null) {
            currentByPeer.computeIfPresent(updated.peer().name(), (p, c) -> sameContext(c, updated) ? updated : c);
        }
        return Optional.ofNullable(updated);
    }

    /** Ends the context with a terminal state and forgets it; returns the ended value. */
    public N32fContext end(N32fContext context, N32fContextState terminal) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException("not a terminal state: " + terminal);
        }
        currentByPeer.computeIfPresent(context.peer().name(), (p, c) -> sameContext(c, context) ? null : c);
        context.localContextId().ifPresent(byLocalId::remove);
        N32fContext ended = context.withState(terminal);
        fireEnd(ended);
        return ended;
    }

    /** Ends every live context with {@code peerName}; returns the ended values. */
    public List<N32fContext> endAll(String peerName, N32fContextState terminal) {
        List<N32fContext> ended = new ArrayList<>();
        for (N32fContext c : all()) {
            if (c.peer().name().equals(peerName)) {
                ended.add(end(c, terminal));
            }
        }
        return ended;
    }

    /** Ends every context whose lifetime has run out; returns them so the caller can re-establish. */
    public List<N32fContext> expire() {
        List<N32fContext> expired = new ArrayList<>();
        for (N32fContext c : List.copyOf(currentByPeer.values())) {
            if (c.isExpired(clock.instant()) && currentByPeer.remove(c.peer().name(), c)) {
                c.localContextId().ifPresent(byLocalId::remove);
                N32fContext ended = c.withState(N32fContextState.TERMINATED);
                expired.add(ended);
                fireEnd(ended);
            }
        }
        return expired;
    }

    public List<N32fContext> all() {
        return List.copyOf(currentByPeer.values());
    }

    private void fireEnd(N32fContext ended) {
        endListeners.forEach(l -> l.accept(ended));
    }

    private static boolean sameContext(N32fContext a, N32fContext b) {
        return a.n32cConnectionId().equals(b.n32cConnectionId())
                && a.localContextId().equals(b.localContextId())
                && a.createdAt().equals(b.createdAt());
    }
}
