package org.keygate.ims.mrfc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The INVITEs and BYEs the MRFC is working on (an INVITE holds a KMS resolve and MRFP control requests until its final
 * answer, a BYE the release of its streams), and the gate a draining stop closes for INVITEs (issue 18): once
 * {@link #close}d, {@link #admitInvite} refuses, while BYEs are still {@link #admit}ted; {@link #awaitNone} waits for
 * those taken. A request counts from its admission until {@link #done}, so one that passed the gate before it closed
 * is always waited for.
 */
final class SipRequestsInProgress {
    /** A stop waits seconds at most and no SIP thread needs to signal it: polling keeps the INVITE path lock-free. */
    private static final long POLL_MILLIS = 20;

    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean closed;

    /** False once closed: the INVITE is to be refused (and {@link #done} not called). */
    boolean admitInvite() {
        count.incrementAndGet();
        if (closed) {
            count.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A request a stop does not refuse (a BYE: it ends a call and frees its streams). */
    void admit() {
        count.incrementAndGet();
    }

    void done() {
        count.decrementAndGet();
    }

    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    int count() {
        return count.get();
    }

    /** Waits until no request is in progress or {@code deadlineNanos} ({@link System#nanoTime}) passed; true if none. */
    boolean awaitNone(long deadlineNanos) {
        return await(() -> count.get() == 0, deadlineNanos);
    }

    /** Polls {@code done} until it holds or {@code deadlineNanos} passed; true if it held. */
    static boolean await(java.util.function.BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
