package org.keygate.sbi.log;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Summarizes a repeated log event (issue 12 item 5): per kind of event (a key such as the refusal's cause), the first
 * {@link #DEFAULT_FIRST} lines of an interval are written, the rest only counted; the first event after the interval
 * writes how many were left out ("... 1234 more like this were not logged in the last 10 s") before its own line. A
 * refused-request flood thus costs a few lines per interval, not one per request; the metrics carry the totals.
 *
 * <p>Hand-written: SLF4J and Logback have no per-key rate limit (Logback's {@code DuplicateMessageFilter} only drops
 * repeats of the same format string, with no count, and for every logger at once). No timer: a count left at the end
 * of a flood is written with the next event of its kind.
 */
public final class LogThrottle {
    /** Lines written per key and interval before counting starts. */
    public static final int DEFAULT_FIRST = 5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Keys tracked at most; events of further keys share one window, so that peer-chosen keys cannot grow the map. */
    static final int MAX_KEYS = 1024;
    private static final String OTHER = "(other)";

    private final Logger log;
    private final int first;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long startNanos;
        int written;
        long leftOut;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    /** {@link #DEFAULT_FIRST} lines per key every {@link #DEFAULT_INTERVAL}. */
    public LogThrottle(Logger log) {
        this(log, DEFAULT_FIRST, DEFAULT_INTERVAL, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime} but in tests */
    public LogThrottle(Logger log, int first, Duration interval, LongSupplier nanoClock) {
        if (first < 1 || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("first: " + first + ", interval: " + interval + " (expected: > 0)");
        }
        this.log = log;
        this.first = first;
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    public void info(String key, String format, Object... args) {
        log(Level.INFO, key, format, args);
    }

    public void warn(String key, String format, Object... args) {
        log(Level.WARN, key, format, args);
    }

    private void log(Level level, String key, String format, Object... args) {
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        long now = nanoClock.getAsLong();
        String k = windows.size() >= MAX_KEYS && !windows.containsKey(key) ? OTHER : key;
        Window w = windows.computeIfAbsent(k, x -> new Window(now));
        long leftOut = 0;
        boolean write;
        synchronized (w) {
            if (now - w.startNanos >= intervalNanos) {
                leftOut = w.leftOut;
                w.startNanos = now;
                w.written = 0;
                w.leftOut = 0;
            }
            write = w.written < first;
            if (write) {
                w.written++;
            } else {
                w.leftOut++;
            }
        }
        if (leftOut > 0) {
            log.atLevel(level).log("{} more like this ({}) were not logged in the last {} s", leftOut, k,
                    Math.max(1, Duration.ofNanos(intervalNanos).toSeconds()));
        }
        if (write) {
            log.atLevel(level).log(format, args);
        }
    }
}
