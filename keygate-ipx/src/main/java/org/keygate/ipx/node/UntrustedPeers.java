package org.keygate.ipx.node;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.trust.EstablishedTrust;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an IPX node lets go of the peers it no longer trusts (issue 18): a served SEPP or a next IPX whose certificate a
 * CRL refresh lists, or whose anchor a reload changed, loses its connections both ways at once (the requests in
 * progress on them are cut: the key may be compromised), and its cached TLS sessions are dropped so that it cannot
 * resume one. New handshakes are refused by the trust managers themselves ({@code certificate_revoked} when this IPX
 * dials).
 */
final class UntrustedPeers {
    /** Connections closed because their peer's chain is no longer trusted, by peer (as the SEPP counts them). */
    static final String CLOSED = "keygate_tls_untrusted_connections_closed_total";
    private static final Logger log = LoggerFactory.getLogger(UntrustedPeers.class);

    private final String ipx;
    private final MutualTls tls;
    private final SbiServer server;
    private final Supplier<NextHops> hops;
    private final Supplier<EstablishedTrust> trust;
    private final Supplier<List<ServedSepp>> sepps;
    private final MeterRegistry meters;

    UntrustedPeers(String ipx, MutualTls tls, SbiServer server, Supplier<NextHops> hops,
            Supplier<EstablishedTrust> trust, Supplier<List<ServedSepp>> sepps, MeterRegistry meters) {
        this.ipx = ipx;
        this.tls = tls;
        this.server = server;
        this.hops = hops;
        this.trust = trust;
        this.sepps = sepps;
        this.meters = meters;
    }

    /**
     * Closes every connection (the listener's and the next hops') whose peer chain is not trusted now, except those
     * {@code leaving} accepts (SEPPs a reload removed: their requests in flight finish, docs/IPX.md "Reload").
     *
     * @param after what made the check necessary, for the log
     * @return how many connections were closed
     */
    int closeUntrusted(String after, Predicate<List<X509Certificate>> leaving) {
        EstablishedTrust now = trust.get();
        Predicate<List<X509Certificate>> untrusted = chain -> !leaving.test(chain)
                && now.untrustedNow(chain).isPresent();
        tls.invalidateSessionsIf(untrusted);
        Map<String, AtomicInteger> peers = new ConcurrentHashMap<>();
        Predicate<List<X509Certificate>> close = chain -> {
            if (!untrusted.test(chain)) {
                return false;
            }
            String peer = peer(chain);
            peers.computeIfAbsent(peer, k -> new AtomicInteger()).incrementAndGet();
            meters.counter(CLOSED, "peer", peer).increment();
            log.warn("IPX {}: after {}: closing a connection of {}: {}", ipx, after, peer,
                    now.untrustedNow(chain).orElse(""));
            return true;
        };
        int closed = server.closeConnectionsIf(close) + hops.get().closeIf(close);
        peers.forEach((peer, n) -> log.warn("IPX {}: {}: its certificate is no longer trusted after {}: {} "
                + "connection(s) closed", ipx, peer, after, n.get()));
        return closed;
    }

    /** The served SEPP whose PLMN IDs the chain's leaf carries, or {@code ipx:<its first DNS name>}. */
    private String peer(List<X509Certificate> chain) {
        PeerIdentity id = PeerIdentity.of(chain.getFirst());
        if (id.plmnIds().isEmpty()) {
            return "ipx:" + (id.dnsNames().isEmpty() ? chain.getFirst().getSubjectX500Principal().getName()
                    : id.dnsNames().getFirst());
        }
        return sepps.get().stream().filter(s -> s.plmnIds().stream().anyMatch(id.plmnIds()::contains))
                .map(ServedSepp::name).findFirst().orElse("PLMN " + id.plmnIds());
    }
}
