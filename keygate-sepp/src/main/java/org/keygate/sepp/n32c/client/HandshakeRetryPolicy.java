package org.keygate.sepp.n32c.client;

import java.time.Duration;

/**
 * How hard the initiator tries: each attempt (connect plus every N32-c exchange) is bounded by
 * {@code attemptTimeout}; a failed attempt is retried {@code retries} times, waiting {@code backoff}, then twice
 * that, and so on, capped at {@link #MAX_BACKOFF}.
 */
public record HandshakeRetryPolicy(Duration attemptTimeout, int retries, Duration backoff) {
    /** Upper bound of the exponential backoff, so a long outage is retried at a steady pace. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    public HandshakeRetryPolicy {
        if (attemptTimeout.isZero() || attemptTimeout.isNegative()) {
            throw new IllegalArgumentException("attemptTimeout: " + attemptTimeout + " (expected: > 0)");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("backoff: " + backoff + " (expected: >= 0)");
        }
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoffBefore(int retry) {
        Duration d = backoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
