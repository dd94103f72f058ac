package org.keygate.sepp.n32c.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responding SEPP's own N32-c connection toward the initiator (TS 33.501 13.2.2.2 step 5; seed 000 step 5):
 * opened once a context this SEPP answered is established, not only when an n32f-error first needs it, and opened
 * again when it drops, for as long as such a context lives. No negotiation runs on it; n32f-error and
 * n32f-terminate travel on it.
 *
 * <p>{@link #maintain} is called by the node's sweep (every second); a partner that cannot be reached is tried again
 * after {@link #RETRY_AFTER}, logged once per outage. Time comes from the registry's clock.
 */
public final class ReverseConnections {
    private static final Logger log = LoggerFactory.getLogger(ReverseConnections.class);
    /** Between two attempts to open the connection to an unreachable partner. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final N32cOutbound outbound;
    private final N32fContextRegistry contexts;
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

    public ReverseConnections(N32cOutbound outbound, N32fContextRegistry contexts) {
        this.outbound = outbound;
        this.contexts = contexts;
    }

    /** Opens (or opens again) the connection to each partner with an established context this SEPP answered. */
    public void maintain() {
        Instant now = contexts.clock().instant();
        for (PeerSepp peer : contexts.peersWithEstablished(c -> c.role() == N32Role.RESPONDER)) {
            Instant failed = failedAt.get(peer.name());
            if (failed != null && now.isBefore(failed.plus(RETRY_AFTER))) {
                continue;
            }
            outbound.connection(peer).whenComplete((c, e) -> {
                if (e == null) {
                    if (failedAt.remove(peer.name()) != null) {
                        log.info("N32-c: the connection toward {} is open again", peer.name());
                    }
                } else if (failedAt.put(peer.name(), now) == null) {
                    log.warn("N32-c: cannot open the connection toward {} (TS 33.501 13.2.2.2 step 5), retrying"
                            + " every {}: {}", peer.name(), RETRY_AFTER, e.toString());
                }
            });
        }
    }
}
