package org.keygate.ipx.node;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A circuit breaker per next hop: after a failed connect, no new connect to that hop for a backoff that doubles with
 * each further failure from {@link #FIRST} up to {@link #LONGEST}; then one caller may try again (the others keep
 * being refused until that try ends), and a connect that succeeds closes the breaker. Without it the IPX tried a dead
 * home SEPP on every request, 1,000-2,000 connects a second (issue 12 item 6). Connections already open are not
 * affected: the breaker only guards opening new ones.
 */
final class NextHopBackoff {
    static final Duration FIRST = Duration.ofMillis(250);
    static final Duration LONGEST = Duration.ofSeconds(8);

    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    /** {@code failures} in a row; no connect before {@code retryAtNanos}. */
    private record State(int failures, long retryAtNanos) {}

    /** @param nanoClock {@link System#nanoTime} but in tests */
    NextHopBackoff(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Empty when a connect to {@code hop} may be tried now (and then the try is reserved: others wait for its outcome
     * as long as the last backoff); else the nanoseconds until one may.
     */
    OptionalLong refusal(String hop) {
        long now = nanoClock.getAsLong();
        long[] wait = {-1};
        states.computeIfPresent(hop, (h, s) -> {
            if (now - s.retryAtNanos < 0) {
                wait[0] = s.retryAtNanos - now;
                return s;
            }
            return new State(s.failures, now + backoffNanos(s.failures)); // this caller's try
        });
        return wait[0] < 0 ? OptionalLong.empty() : OptionalLong.of(wait[0]);
    }

    /** A connect to {@code hop} failed: refuse new ones for the next backoff. */
    void failed(String hop) {
        long now = nanoClock.getAsLong();
        states.compute(hop, (h, s) -> {
            int failures = s == null ? 1 : Math.min(s.failures + 1, 32);
            return new State(failures, now + backoffNanos(failures));
        });
    }

    /** A connect to {@code hop} succeeded. */
    void succeeded(String hop) {
        states.remove(hop);
    }

    /** The number of failed connects in a row to {@code hop}. */
    int failures(String hop) {
        State s = states.get(hop);
        return s == null ? 0 : s.failures;
    }

    /** FIRST doubled per failure after the first, at most LONGEST (failures are capped at 32: no overflow). */
    private static long backoffNanos(int failures) {
        return Math.min(FIRST.toNanos() << Math.min(failures - 1, 31), LONGEST.toNanos());
    }
}
