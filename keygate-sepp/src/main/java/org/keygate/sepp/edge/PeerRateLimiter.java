package org.keygate.sepp.edge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.keygate.sbi.http.SbiRequest;

/**
 * One token bucket per peer SEPP ({@link RateLimitSettings}). {@link #acquire} takes a token or says the peer is
 * over its limit; {@link #check} turns that into an {@link EdgeCheckResult} whose failure is 429
 * NF_CONGESTION_RISK (TS 29.500 Table 5.2.7.2-1). The clock is injected (nanoseconds), so tests need no sleep.
 *
 * <p>In a SEPP run as several instances ({@link #shareWith}), each bucket refills at this instance's share of the
 * peer's rate and holds that share of its burst, so the instances together admit the configured rate
 * (docs/CLUSTER.md); {@link #takeDemand} tells the cluster how many messages each peer asked for here.
 *
 * <p>Thread-safe: each bucket is updated under its own lock; buckets exist only for configured or seen peer
 * names, which come from authenticated N32 contexts, never from message content.
 */
public final class PeerRateLimiter {
    private static final double NANOS_PER_SECOND = 1e9;

    /** Replaced by {@link #reconfigure}. */
    private volatile RateLimitSettings settings;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
            new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> demand = new ConcurrentHashMap<>();
    private volatile RateShares shares = RateShares.WHOLE;

    /** This instance's part of each peer's rate, in (0, 1]; a SEPP that runs alone has all of it. */
    @FunctionalInterface
    public interface RateShares {
        RateShares WHOLE = peer -> 1.0;

        double shareOf(String peerName);
    }

    public PeerRateLimiter(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    public PeerRateLimiter(RateLimitSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /**
     * Limits with {@code next} from each partner's next request on (a configuration reload, issue 18): the buckets
     * start again, full, at the new rates; the counts of requests in progress go on.
     */
    public void reconfigure(RateLimitSettings next) {
        this.settings = next;
        buckets.clear();
    }

    public RateLimitOutcome acquire(String peerName) {
        Bucket b = buckets.computeIfAbsent(peerName, n -> new Bucket(settings.limitOf(n), nanoTime.getAsLong()));
        demand.computeIfAbsent(peerName, n -> new java.util.concurrent.atomic.LongAdder()).increment();
        double share = shares.shareOf(peerName);
        if (!(share > 0 && share <= 1)) {
            throw new IllegalStateException("rate share of " + peerName + ": " + share + " (expected: in (0, 1])");
        }
        return b.take(nanoTime.getAsLong(), share) ? RateLimitOutcome.ADMITTED : RateLimitOutcome.LIMITED;
    }

    /** From now on each peer's bucket refills at {@code shares.shareOf(peer)} of its rate (a cluster's split). */
    public void shareWith(RateShares shares) {
        this.shares = java.util.Objects.requireNonNull(shares, "shares");
    }

    /** Messages each peer asked for since the last call (admitted or not): what a cluster splits its rate by. */
    public java.util.Map<String, Long> takeDemand() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        demand.forEach((peer, n) -> out.put(peer, n.sumThenReset()));
        return out;
    }

    /** The configured limit of {@code peerName} (the whole SEPP's, before any cluster split). */
    public RateLimitSettings.Limit limitOf(String peerName) {
        return settings.limitOf(peerName);
    }

    public EdgeCheckResult<SbiRequest> check(SbiRequest request, String peerName) {
        return acquire(peerName) == RateLimitOutcome.ADMITTED ? new EdgeCheckResult.Pass<>(request)
                : EdgeCheckResult.fail(EdgeViolation.RATE_LIMITED, "the peer exceeds its message rate");
    }

    /**
     * Enters one of the peer's requests into its in-progress count, or says it is at its {@code maxInFlight}; an
     * entered request must {@link #leave} when answered.
     */
    public boolean enter(String peerName) {
        java.util.concurrent.atomic.AtomicInteger n = inFlight.computeIfAbsent(peerName,
                p -> new java.util.concurrent.atomic.AtomicInteger());
        if (n.incrementAndGet() > settings.limitOf(peerName).maxInFlight()) {
            n.decrementAndGet();
            return false;
        }
        return true;
    }

    public void leave(String peerName) {
        inFlight.get(peerName).decrementAndGet();
    }

    private static final class Bucket {
        private final RateLimitSettings.Limit limit;
        private double tokens;
        private long last;

        Bucket(RateLimitSettings.Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.last = now;
        }

        synchronized boolean take(long now, double share) {
            long elapsed = now - last;
            // A share's burst is at least one message, or a small share could never admit anything.
            double burst = Math.max(1, limit.burst() * share);
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * limit.messagesPerSecond() * share);
                last = now;
            } else {
                tokens = Math.min(burst, tokens);
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
