package org.keygate.sepp.edge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.keygate.sbi.http.SbiRequest;

/**
 * One token bucket per peer SEPP ({@link RateLimitSettings}). {@link #acquire} takes a token or says the peer is
 * over its limit; {@link #check} turns that into an {@link EdgeCheckResult} whose failure is 429
 * NF_CONGESTION_RISK (TS 29.500 Table 5.2.7.2-1). The clock is injected (nanoseconds), so tests need no sleep.
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
        return b.take(nanoTime.getAsLong()) ? RateLimitOutcome.ADMITTED : RateLimitOutcome.LIMITED;
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

        synchronized boolean take(long now) {
            long elapsed = now - last;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + elapsed / NANOS_PER_SECOND * limit.messagesPerSecond());
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
