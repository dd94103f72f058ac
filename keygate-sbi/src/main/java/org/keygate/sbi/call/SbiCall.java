package org.keygate.sbi.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One inbound request's lifetime as the server sees it: cancelled when its client resets the stream or closes the
 * connection, and due by a deadline when the client said how long it waits ({@code 3gpp-Sbi-Max-Rsp-Time}).
 *
 * <p>While a server's handler runs, the call is bound to the event-loop thread ({@link #current()}), as gRPC's
 * {@code Context} is: a forwarded request sent from that thread (the hot path, where the whole hop runs on one event
 * loop) inherits the cancellation and the remaining time without every layer between the server and the client
 * passing it on. A request sent later from another thread (after an N32-c handshake, say) has no call: it is neither
 * cancelled with its caller nor bounded by its deadline, only by the client's own request timeout.
 */
public final class SbiCall {
    /** TS 29.500 5.2.3.2: how long, in milliseconds, the sender waits for the answer. */
    public static final String MAX_RSP_TIME = "3gpp-sbi-max-rsp-time";
    /** Longer waits are taken as this: no SBI hop needs minutes, and it keeps the arithmetic far from overflow. */
    private static final long MAX_HONOURED_MILLIS = 3_600_000;
    private static final ThreadLocal<SbiCall> CURRENT = new ThreadLocal<>();

    private final long deadlineNanos;
    private List<Runnable> onCancel;
    private boolean cancelled;
    private boolean finished;

    private SbiCall(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A call without a deadline. */
    public static SbiCall open() {
        return new SbiCall(Long.MAX_VALUE);
    }

    /** A call the client waits for {@code maxResponseTime} at most, from now. */
    public static SbiCall within(Duration maxResponseTime) {
        return new SbiCall(System.nanoTime() + maxResponseTime.toNanos());
    }

    /**
     * The call of a request with this {@code 3gpp-Sbi-Max-Rsp-Time} value ({@code null}: absent): bounded by it when
     * it is a number of milliseconds, else open (a malformed value is not worth refusing the request for).
     */
    public static SbiCall forMaxRspTime(CharSequence value) {
        if (value == null || value.isEmpty() || value.length() > 10) {
            return open();
        }
        long millis = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return open();
            }
            millis = millis * 10 + (c - '0');
        }
        return within(Duration.ofMillis(Math.min(millis, MAX_HONOURED_MILLIS)));
    }

    /** The call whose handler runs on this thread now, if any. */
    public static SbiCall current() {
        return CURRENT.get();
    }

    /** Runs {@code body} with this call bound to the thread (restoring what was bound before). */
    public <T> T bind(java.util.function.Supplier<T> body) {
        SbiCall previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * The {@code 3gpp-Sbi-Max-Rsp-Time} a hop that waits {@code waitNanos} more gives its next hop: a tenth less, at
     * most a second less (at least 1 ms). The next hop then times out first, and its answer, naming what really did
     * not answer (an NF behind a SEPP behind an IPX), reaches this hop before this hop's own timeout would have
     * reported only the next hop (issue 12 item 7).
     */
    public static long nextHopMillis(long waitNanos) {
        long margin = Math.min(waitNanos / 10, 1_000_000_000L);
        return Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(waitNanos - margin));
    }

    /**
     * A call for a request this hop sends on behalf of this one, bounded by {@code limit} as well as by this call's
     * deadline, and cancelled with it.
     */
    public SbiCall forNextHop(Duration limit) {
        long bound = System.nanoTime() + limit.toNanos();
        SbiCall next = new SbiCall(deadlineNanos == Long.MAX_VALUE || bound - deadlineNanos < 0 ? bound
                : deadlineNanos);
        onCancel(next::cancel);
        return next;
    }

    /** Time left before the deadline (zero or negative once passed); empty when the call has none. */
    public OptionalLong remainingNanos() {
        return deadlineNanos == Long.MAX_VALUE ? OptionalLong.empty()
                : OptionalLong.of(deadlineNanos - System.nanoTime());
    }

    /**
     * Runs {@code action} when the call is cancelled (at once if it already was); never after {@link #finish()}.
     * Actions run on the thread that cancels: keep them short (reset a stream, release a slot).
     */
    public void onCancel(Runnable action) {
        boolean now;
        synchronized (this) {
            if (finished) {
                return;
            }
            now = cancelled;
            if (!now) {
                if (onCancel == null) {
                    onCancel = new ArrayList<>(2);
                }
                onCancel.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    /** The caller went away: runs the registered actions once. */
    public void cancel() {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled || finished) {
                return;
            }
            cancelled = true;
            actions = onCancel;
            onCancel = null;
        }
        if (actions != null) {
            actions.forEach(Runnable::run);
        }
    }

    /** The call was answered: later cancellations do nothing, registered actions are dropped. */
    public synchronized void finish() {
        finished = true;
        onCancel = null;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
