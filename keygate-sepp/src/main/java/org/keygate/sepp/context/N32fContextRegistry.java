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
 * The live N32-f contexts of one SEPP: several per peer, PRINS contexts also indexed by this SEPP's own context ID
 * (the ID that arriving N32-f messages and n32f-terminate carry).
 *
 * <p>Several per peer: a partner running two SEPP instances that each negotiate (active-active), or one that
 * renegotiates while traffic flows, keeps using the contexts it already has. A context ends only by its lifetime,
 * n32f-terminate or an error; a new handshake ends none, except that at most {@value #MAX_CONTEXTS_PER_PEER} live
 * per peer, the oldest ended first (TERMINATED) when another is added. {@link #current} is the newest established
 * one, the one this SEPP sends with.
 *
 * <p>Thread-safe; reads take no lock (each peer's list is an immutable value swapped in). Terminal contexts are
 * removed, not kept: nothing about them is needed once they end, and their keys are dropped with them. Time comes
 * from the injected {@link Clock}.
 */
public final class N32fContextRegistry {
    /**
     * Live contexts kept per peer: two SEPP instances of a partner (active-active), each with a context being
     * renegotiated beside its current one. A bound, so a partner handshaking in a loop cannot grow the registry.
     */
    public static final int MAX_CONTEXTS_PER_PEER = 4;

    private final Map<String, List<N32fContext>> byPeer = new ConcurrentHashMap<>();
    private final Map<N32fContextId, N32fContext> byLocalId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final List<Consumer<N32fContext>> endListeners = new CopyOnWriteArrayList<>();
    private volatile ContextAdmission admission = ContextAdmission.ALWAYS;
    private volatile SharedTlsAgreements shared = SharedTlsAgreements.NONE;
    /** The N32 keepalive timer agreed with each partner in its latest exchange-capability (Rel-19). */
    private final Map<String, java.time.Duration> keepalives = new ConcurrentHashMap<>();

    public N32fContextRegistry(Clock clock) {
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Records the keepalive timer agreed with {@code peerName} (Rel-19 {@code n32KeepaliveTimer}, the shorter of the
     * two announced); empty: neither announced one, any earlier agreement is gone.
     */
    public void agreeKeepalive(String peerName, Optional<java.time.Duration> agreed) {
        agreed.ifPresentOrElse(t -> keepalives.put(peerName, t), () -> keepalives.remove(peerName));
    }

    /** The partners with at least one established context that passes {@code which}, each once, in registry order. */
    public java.util.Collection<org.keygate.sepp.peer.PeerSepp> peersWithEstablished(
            java.util.function.Predicate<N32fContext> which) {
        Map<String, org.keygate.sepp.peer.PeerSepp> peers = new java.util.LinkedHashMap<>();
        for (N32fContext c : all()) {
            if (c.state() == N32fContextState.ESTABLISHED && which.test(c)) {
                peers.putIfAbsent(c.peer().name(), c.peer());
            }
        }
        return peers.values();
    }

    /** The keepalive timer agreed with {@code peerName}, if any. */
    public Optional<java.time.Duration> keepalive(String peerName) {
        return Optional.ofNullable(keepalives.get(peerName));
    }

    /** Called with the final value of every context that ends (terminated, failed or expired). */
    public void onContextEnd(Consumer<N32fContext> listener) {
        endListeners.add(listener);
    }

    /** Asked before each new context is added ({@link ContextAdmission}); by default every one is admitted. */
    public void admitWith(ContextAdmission admission) {
        this.admission = java.util.Objects.requireNonNull(admission, "admission");
    }

    /** Where TLS-mode agreements made by other instances of this SEPP are found (by default nowhere). */
    public void shareTlsAgreementsWith(SharedTlsAgreements shared) {
        this.shared = java.util.Objects.requireNonNull(shared, "shared");
    }

    /**
     * The TLS-mode agreement under which {@code peer}'s N32-f in TLS mode is accepted: this SEPP's current context
     * with it when that one is an established, unexpired TLS one, else one another instance made (docs/CLUSTER.md).
     */
    public Optional<N32fContext> tlsAgreement(org.keygate.sepp.peer.PeerSepp peer) {
        var now = clock.instant();
        return current(peer.name())
                .filter(c -> c.capability() == org.keygate.n32.n32c.model.SecurityCapability.TLS
                        && c.state() == N32fContextState.ESTABLISHED && !c.isExpired(now))
                .or(() -> shared.live(peer, now));
    }

    /**
     * Adds {@code context} as the peer's newest one, or replaces the value of the same context; when the peer then
     * has more than {@value #MAX_CONTEXTS_PER_PEER}, the oldest ends as TERMINATED. A new context is first put to
     * the {@link ContextAdmission}, whose {@link ContextRefusedException} leaves the registry unchanged.
     */
    public void put(N32fContext context) {
        if (!isLive(context)) {
            admission.admit(context);
        }
        context.localContextId().ifPresent(id -> byLocalId.put(id, context));
        List<N32fContext> evicted = new ArrayList<>();
        byPeer.compute(context.peer().name(), (p, list) -> {
            List<N32fContext> next = new ArrayList<>(list == null ? List.of() : list);
            int same = indexOf(next, context);
            if (same >= 0) {
                next.set(same, context);
            } else {
                next.add(context);
            }
            while (next.size() > MAX_CONTEXTS_PER_PEER) {
                evicted.add(next.removeFirst());
            }
            return List.copyOf(next);
        });
        for (N32fContext old : evicted) {
            old.localContextId().ifPresent(byLocalId::remove);
            fireEnd(old.withState(N32fContextState.TERMINATED));
        }
    }

    /** The context this SEPP sends with: the peer's newest established, unexpired one, else its newest. */
    public Optional<N32fContext> current(String peerName) {
        List<N32fContext> list = byPeer.getOrDefault(peerName, List.of());
        var now = clock.instant();
        for (int i = list.size() - 1; i >= 0; i--) {
            N32fContext c = list.get(i);
            if (c.state() == N32fContextState.ESTABLISHED && !c.isExpired(now)) {
                return Optional.of(c);
            }
        }
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }

    /** Every live context with {@code peerName}, oldest first. */
    public List<N32fContext> forPeer(String peerName) {
        return byPeer.getOrDefault(peerName, List.of());
    }

    /** Whether {@code context} is still live (not ended, not replaced by another context). */
    public boolean isLive(N32fContext context) {
        return indexOf(forPeer(context.peer().name()), context) >= 0;
    }

    public Optional<N32fContext> byLocalId(N32fContextId id) {
        return Optional.ofNullable(byLocalId.get(id));
    }

    /** Applies {@code change} to the context with this local ID, if it is still live. */
    public Optional<N32fContext> update(N32fContextId localId, UnaryOperator<N32fContext> change) {
        N32fContext updated = byLocalId.computeIfPresent(localId, (id, c) -> change.apply(c));
        if (updated != null) {
            byPeer.computeIfPresent(updated.peer().name(), (p, list) -> {
                int same = indexOf(list, updated);
                if (same < 0) {
                    return list;
                }
                List<N32fContext> next = new ArrayList<>(list);
                next.set(same, updated);
                return List.copyOf(next);
            });
        }
        return Optional.ofNullable(updated);
    }

    /** Ends the context with a terminal state and forgets it; returns the ended value. */
    public N32fContext end(N32fContext context, N32fContextState terminal) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException("not a terminal state: " + terminal);
        }
        byPeer.computeIfPresent(context.peer().name(), (p, list) -> {
            List<N32fContext> next = new ArrayList<>(list);
            next.removeIf(c -> sameContext(c, context));
            return next.isEmpty() ? null : List.copyOf(next);
        });
        context.localContextId().ifPresent(byLocalId::remove);
        N32fContext ended = context.withState(terminal);
        fireEnd(ended);
        return ended;
    }

    /**
     * Ends every live context with {@code peerName}, and the TLS-mode agreements other instances of this SEPP made with
     * it (the whole agreement with the partner ends); returns the ended values of this SEPP's own.
     */
    public List<N32fContext> endAll(String peerName, N32fContextState terminal) {
        List<N32fContext> ended = new ArrayList<>();
        for (N32fContext c : forPeer(peerName)) {
            ended.add(end(c, terminal));
        }
        shared.endAll(peerName);
        return ended;
    }

    /** Ends every context whose lifetime has run out; returns them so the caller can re-establish. */
    public List<N32fContext> expire() {
        List<N32fContext> expired = new ArrayList<>();
        var now = clock.instant();
        for (N32fContext c : all()) {
            if (c.isExpired(now) && isLive(c)) {
                expired.add(end(c, N32fContextState.TERMINATED));
            }
        }
        return expired;
    }

    /** Every live context, each peer's oldest first. */
    public List<N32fContext> all() {
        List<N32fContext> out = new ArrayList<>();
        byPeer.values().forEach(out::addAll);
        return List.copyOf(out);
    }

    private void fireEnd(N32fContext ended) {
        endListeners.forEach(l -> l.accept(ended));
    }

    private static int indexOf(List<N32fContext> list, N32fContext context) {
        for (int i = 0; i < list.size(); i++) {
            if (sameContext(list.get(i), context)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameContext(N32fContext a, N32fContext b) {
        return a.n32cConnectionId().equals(b.n32cConnectionId())
                && a.localContextId().equals(b.localContextId())
                && a.createdAt().equals(b.createdAt());
    }
}
