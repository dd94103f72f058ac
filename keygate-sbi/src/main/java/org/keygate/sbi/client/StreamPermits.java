package org.keygate.sbi.client;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * At most the server's SETTINGS_MAX_CONCURRENT_STREAMS requests in flight on one connection; the others wait in
 * order. A stream opened beyond the limit would be refused by the server (RFC 9113 5.1.2), so waiting is what
 * lets a burst through. Thread-safe.
 */
final class StreamPermits {
    private final long limit;
    private long inFlight;
    private final Queue<Runnable> waiting = new ArrayDeque<>();

    /** @param limit the server's announced limit; {@code Long.MAX_VALUE} when it announced none. */
    StreamPermits(long limit) {
        this.limit = limit;
    }

    /** Runs {@code start} now if a stream is free, else once one is; {@code start} must {@link #release} later. */
    void acquire(Runnable start) {
        synchronized (this) {
            if (inFlight >= limit) {
                waiting.add(start);
                return;
            }
            inFlight++;
        }
        start.run();
    }

    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        next.run();
    }
}
