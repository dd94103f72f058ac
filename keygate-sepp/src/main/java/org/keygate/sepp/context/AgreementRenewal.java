package org.keygate.sepp.context;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Which partners' N32 agreements are about to lapse and need a new one (TS 33.501 13.5: either SEPP may initiate).
 * A partner that never renegotiates (Open5GS initiates once) would otherwise lose N32-f when the context's lifetime
 * ends, whichever SEPP initiated it, in TLS mode and PRINS alike.
 *
 * <p>A partner is due when its newest established context is in the last {@value #RENEW_IN_LAST_PART}th of its
 * lifetime; after an attempt, it is not due again for {@link #RETRY_AFTER}, so an unreachable partner is not
 * handshaken with every sweep. Thread-safe; time comes from the caller.
 */
public final class AgreementRenewal {
    /** Renew in the last tenth of the lifetime: a day's context is renewed 2.4 h before it lapses. */
    public static final int RENEW_IN_LAST_PART = 10;
    /** Between two attempts for one partner (the handshake's own retries run inside each attempt). */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final N32fContextRegistry contexts;
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();

    public AgreementRenewal(N32fContextRegistry contexts) {
        this.contexts = contexts;
    }

    /** The partners to negotiate a new agreement with now; each is recorded as attempted at {@code now}. */
    public List<PeerSepp> due(Instant now) {
        List<PeerSepp> out = new ArrayList<>();
        java.util.Set<String> peers = new java.util.LinkedHashSet<>();
        contexts.all().forEach(c -> peers.add(c.peer().name()));
        for (String name : peers) {
            // The newest established context decides; a half-negotiated one (a partner's aborted handshake) not.
            N32fContext newest = null;
            for (N32fContext c : contexts.forPeer(name)) {
                if (c.state() == N32fContextState.ESTABLISHED) {
                    newest = c;
                }
            }
            if (newest == null || now.isBefore(renewAt(newest))) {
                continue;
            }
            Instant last = lastAttempt.get(name);
            if (last != null && now.isBefore(last.plus(RETRY_AFTER))) {
                continue;
            }
            lastAttempt.put(name, now);
            out.add(newest.peer());
        }
        return out;
    }

    static Instant renewAt(N32fContext c) {
        Duration lifetime = Duration.between(c.createdAt(), c.expiresAt());
        return c.expiresAt().minus(lifetime.dividedBy(RENEW_IN_LAST_PART));
    }
}
