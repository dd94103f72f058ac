package org.keygate.sepp.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.edge.PeerRateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits each partner's configured rate limit over the live instances by demand, through etcd: every
 * {@link #PERIOD_MILLIS} each instance publishes how many of the partner's messages it was asked to admit
 * ({@code budgets/<partner>/<instance>}, on its lease), and refills its bucket at
 * {@code rate x (own + e) / (total + N x e)}, where {@code e = max(1, total / 10N)} keeps an idle instance able to
 * admit a first burst. The shares of all instances sum to 1, so together they admit the configured rate: the
 * partner's messages go to the instance owning their context (relaying), which is not spread evenly, so an even split
 * would admit far less than the limit. Tolerance (docs/CLUSTER.md): the split follows demand one period late, and
 * instances read each other's demand at slightly different times; with etcd out of reach each keeps 1/N.
 *
 * <p>etcd writes: one per partner with traffic per instance per period, none per message.
 */
final class RateShares implements PeerRateLimiter.RateShares {
    /** Budget period: short enough to follow a shift of traffic, long enough to cost etcd one write per second. */
    static final long PERIOD_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(RateShares.class);
    private final PeerRateLimiter limiter;
    private final EtcdSession etcd;
    private final ClusterKeys keys;
    private final ClusterView view;
    private final EtcdHealth health;
    private final String self;
    private final Map<String, Long> own = new ConcurrentHashMap<>();

    RateShares(PeerRateLimiter limiter, EtcdSession etcd, ClusterKeys keys, ClusterView view, EtcdHealth health,
            String self) {
        this.limiter = limiter;
        this.etcd = etcd;
        this.keys = keys;
        this.view = view;
        this.health = health;
        this.self = self;
    }

    @Override
    public double shareOf(String peer) {
        int n = Math.max(1, view.memberCount());
        if (!health.ok()) {
            return 1.0 / n;
        }
        long mine = own.getOrDefault(peer, 0L);
        long total = mine;
        for (var e : view.demands(peer).entrySet()) {
            if (!e.getKey().equals(self)) {
                total += e.getValue();
            }
        }
        double eps = Math.max(1, total / (10.0 * n));
        return Math.min(1, (mine + eps) / (total + n * eps));
    }

    /** One period: publishes this instance's demand per partner (a partner that went quiet once more, as 0). */
    void publish() {
        Map<String, Long> demand = limiter.takeDemand();
        for (var e : demand.entrySet()) {
            Long before = own.put(e.getKey(), e.getValue());
            if (e.getValue() == 0 && (before == null || before == 0)) {
                continue;
            }
            try {
                etcd.put(keys.budget(e.getKey(), self),
                        new String(SbiJson.write(new DemandRecord(e.getValue())), StandardCharsets.UTF_8));
            } catch (EtcdUnavailableException x) {
                health.failed(x.getMessage());
                log.debug("cluster: publishing the demand of {} failed: {}", e.getKey(), x.getMessage());
                return;
            }
        }
    }
}
