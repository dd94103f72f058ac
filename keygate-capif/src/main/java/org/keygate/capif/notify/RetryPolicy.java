package org.keygate.capif.notify;

import java.time.Duration;

/**
 * How often and how long a notification is retried: {@code maxAttempts} in all, waiting {@code initialBackoff}
 * after the first failure and twice as long after each further one, at most {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** Six attempts over about half a minute (1, 2, 4, 8, 16 s): a callback restarting is caught, a dead one not held. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: 1 to 20)");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff: " + initialBackoff + " to " + maxBackoff
                    + " (expected: 0 < initialBackoff <= maxBackoff)");
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
