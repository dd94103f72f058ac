package org.keygate.sepp.n32c.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The N32 keepalive (Rel-19 {@code n32KeepaliveTimer}, TS 29.573): once a partner and this SEPP agreed a timer in
 * exchange-capability, this SEPP's own N32-c connection toward the partner is kept open and checked every timer
 * period with an HTTP/2 PING (RFC 9113 6.7). A PING not acknowledged within the period means a partner (or a
 * middlebox) that holds the socket but no longer answers: that connection is closed, so the next N32-c message (an
 * n32f-error, a terminate, a renegotiation; {@link ReverseConnections} for the responder) opens a fresh one instead of
 * waiting on a dead one. The API carries only the timer, not what to do with it; the PING is keygate's reading
 * (docs/N32C.md), and needs nothing of the partner but HTTP/2.
 *
 * <p>{@link #maintain} is called by the node's sweep (every second); {@code keygate_n32c_keepalives_total{peer,
 * outcome}} counts acknowledged and unanswered PINGs.
 */
public final class N32cKeepalive {
    private static final Logger log = LoggerFactory.getLogger(N32cKeepalive.class);

    private final N32cOutbound outbound;
    private final N32fContextRegistry contexts;
    private final MeterRegistry meters;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    public N32cKeepalive(N32cOutbound outbound, N32fContextRegistry contexts, MeterRegistry meters) {
        this.outbound = outbound;
        this.contexts = contexts;
        this.meters = meters;
    }

    /** A PING to each partner with an established context and an agreed timer whose period has come round. */
    public void maintain() {
        Instant now = contexts.clock().instant();
        var live = contexts.peersWithEstablished(c -> true);
        lastSent.keySet().retainAll(live.stream().map(PeerSepp::name).toList());
        for (PeerSepp peer : live) {
            Optional<Duration> period = contexts.keepalive(peer.name());
            Instant last = lastSent.get(peer.name());
            if (period.isEmpty() || (last != null && now.isBefore(last.plus(period.get())))) {
                continue;
            }
            lastSent.put(peer.name(), now);
            ping(peer, period.get());
        }
    }

    private void ping(PeerSepp peer, Duration period) {
        outbound.connection(peer).whenComplete((c, failed) -> {
            if (failed != null) {
                return; // no connection to keep alive now; opening one is the reverse connection's and the initiator's
            }
            c.ping(period).whenComplete((v, unanswered) -> {
                if (unanswered == null) {
                    count(peer, "acknowledged");
                    return;
                }
                count(peer, "unanswered");
                log.warn("N32-c keepalive: {} did not acknowledge a PING within {} s on connection {} ({}): closing "
                        + "it; the next N32-c message opens a new one", peer.name(), period.toSeconds(), c.id(),
                        unanswered.getMessage());
                c.close();
            });
        });
    }

    private void count(PeerSepp peer, String outcome) {
        meters.counter("keygate_n32c_keepalives_total", "peer", peer.name(), "outcome", outcome).increment();
    }
}
