package org.keygate.sepp.node;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.n32c.client.N32cInitiator;
import org.keygate.sepp.n32c.client.N32cOutbound;
import org.keygate.sepp.peer.PeerConnections;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.tls.trust.EstablishedTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a SEPP lets go of partners (issue 18): those it no longer trusts lose their N32 connections at once (a CRL
 * refresh listed their certificate, or a reload changed their anchor), those a reload removed are retired gracefully.
 * Either way their N32-f contexts end. A partner's Roaming Intermediary it no longer trusts loses its N32-f
 * connections the same way (both directions: to the IPX, and the IPX's to this SEPP); the contexts with the partners
 * behind it stay (the IPX holds no N32-f key), and their next requests fail at the IPX's refused handshake.
 */
final class PartnerEviction {
    private static final Logger log = LoggerFactory.getLogger(PartnerEviction.class);

    /** Connections closed because their peer's chain is no longer trusted, by partner or {@code ipx:<providerId>}. */
    static final String CLOSED = "keygate_tls_untrusted_connections_closed_total";
    private final Supplier<EstablishedTrust> trust;
    private final List<MutualTls> tls;
    private final List<SbiServer> servers;
    private final N32cOutbound outbound;
    private final PeerConnections n32f;
    private final PeerDirectory peers;
    private final N32fContextRegistry contexts;
    private final N32cInitiator initiator;
    private final MeterRegistry meters;

    /**
     * @param trust what the running configuration trusts: the partners' anchors, their IPXs' anchors, the CRLs
     * @param tls the node's TLS contexts (their cached sessions are dropped)
     * @param servers the N32 listeners
     */
    PartnerEviction(Supplier<EstablishedTrust> trust, List<MutualTls> tls, List<SbiServer> servers,
            N32cOutbound outbound, PeerConnections n32f, PeerDirectory peers, N32fContextRegistry contexts,
            N32cInitiator initiator, MeterRegistry meters) {
        this.trust = trust;
        this.tls = List.copyOf(tls);
        this.servers = List.copyOf(servers);
        this.outbound = outbound;
        this.n32f = n32f;
        this.peers = peers;
        this.contexts = contexts;
        this.initiator = initiator;
        this.meters = meters;
    }

    /**
     * Every established N32 connection, both directions, whose partner chain is no longer trusted (revoked, or not
     * validating under the anchors now configured) is closed at once (its requests in progress are cut: the key may
     * be compromised), the cached TLS sessions with it are dropped, and that partner's N32-f contexts end; a Roaming
     * Intermediary's the same, without ending contexts. New handshakes are refused by the trust check itself. Chains
     * {@code leaving} accepts are left alone: a reload retires those partners ({@link #retire}).
     *
     * @param after what made the check necessary, for the log
     */
    void closeUntrusted(String after, Predicate<List<X509Certificate>> leaving) {
        EstablishedTrust now = trust.get();
        Predicate<List<X509Certificate>> untrusted = chain -> !leaving.test(chain)
                && now.untrustedNow(chain).isPresent();
        tls.forEach(t -> t.invalidateSessionsIf(untrusted));
        Map<String, AtomicInteger> partners = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> intermediaries = new ConcurrentHashMap<>();
        Predicate<List<X509Certificate>> close = chain -> {
            if (!untrusted.test(chain)) {
                return false;
            }
            String why = now.untrustedNow(chain).orElse("");
            if (EstablishedTrust.intermediary(chain)) {
                String ipx = intermediary(chain);
                intermediaries.computeIfAbsent(ipx, k -> new AtomicInteger()).incrementAndGet();
                meters.counter(CLOSED, "peer", "ipx:" + ipx).increment();
                log.warn("after {}: closing an N32-f connection of Roaming Intermediary {}: {}", after, ipx, why);
                return true;
            }
            String partner = peers.byCertificate(chain.getFirst()).map(PeerSepp::name).orElse("(none)");
            partners.computeIfAbsent(partner, k -> new AtomicInteger()).incrementAndGet();
            meters.counter(CLOSED, "peer", partner).increment();
            log.warn("after {}: closing an N32 connection of partner {}: {}", after, partner, why);
            return true;
        };
        outbound.closeIf(close);
        n32f.closeIf(close);
        for (SbiServer s : servers) {
            s.closeConnectionsIf(close);
        }
        partners.forEach((partner, closed) -> {
            List<N32fContext> ended = contexts.endAll(partner, N32fContextState.TERMINATED);
            log.warn("partner {}: its certificate is no longer trusted after {}: {} connection(s) closed, {} N32-f "
                    + "context(s) ended", partner, after, closed.get(), ended.size());
        });
        intermediaries.forEach((ipx, closed) -> log.warn("Roaming Intermediary {}: its certificate is no longer "
                + "trusted after {}: {} connection(s) closed; the N32-f contexts with the partners behind it stay, "
                + "their requests fail until it is trusted again", ipx, after, closed.get()));
    }

    /** The providerId of the partners' intermediary presenting {@code chain}, or its certificate's subject. */
    private String intermediary(List<X509Certificate> chain) {
        return peers.byIntermediary(chain).stream().flatMap(p -> p.intermediary().stream())
                .map(RoamingIntermediary::providerId).findFirst()
                .orElse(chain.getFirst().getSubjectX500Principal().getName());
    }

    /**
     * A partner a reload removed: its N32-f connections are retired (closed once the requests in flight on them are
     * answered, for at most {@code drainTimeout}), then its contexts end with n32f-terminate (TS 29.573 5.2.2.5) on
     * the N32-c connection the reload opened before the swap, which is retired last.
     */
    void retire(PeerSepp gone, Duration drainTimeout) {
        n32f.retire(gone).completeOnTimeout(null, drainTimeout.toMillis(), TimeUnit.MILLISECONDS).thenCompose(v ->
                CompletableFuture.allOf(contexts.forPeer(gone.name()).stream().map(c -> initiator.terminate(c)
                        .exceptionally(e -> {
                            log.warn("N32-f context {} with removed partner {}: {}", c.localContextId(), gone.name(),
                                    e.toString());
                            return null;
                        })).toArray(CompletableFuture[]::new)))
                .whenComplete((v, e) -> {
                    // A context agreed while the terminates ran ends here too: the partner is no longer configured.
                    contexts.endAll(gone.name(), N32fContextState.TERMINATED);
                    outbound.retire(gone);
                    log.info("removed partner {}: N32-f contexts terminated, connections retired", gone.name());
                });
    }
}
