package org.keygate.ims.mikey;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Timestamp and replay checks of RFC 3830 5.3 and 5.4 for received initial messages: the T payload must be an
 * NTP time within the allowed clock skew of this host's clock, and a message already accepted within that window
 * is refused. Call {@link #accept} only after the MAC verified (RFC 3830 5.3: only authenticated messages enter
 * the cache). A full cache refuses everything until entries expire (RFC 3830 5.4, "rejects all incoming requests
 * until the clock skew interval has passed"). Thread-safe.
 */
public final class MikeyReplayCache {
    /** Allowed clock skew by default. RFC 3830 5.4 leaves it to local policy; SIP calls need minutes, not hours. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);
    /**
     * Entries by default: some 20 MB at most (a SHA-256 hex key and an expiry each), far more initial messages
     * than a node gets in five minutes.
     */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Duration skew;
    private final int capacity;
    private final Clock clock;
    private final ReplayJournal journal;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public MikeyReplayCache(Duration skew, int capacity, Clock clock) {
        this(skew, capacity, clock, ReplayJournal.NONE);
    }

    /** A cache that starts from {@code journal}'s unexpired entries and keeps it up to date. */
    public MikeyReplayCache(Duration skew, int capacity, Clock clock, ReplayJournal journal) {
        if (skew.isNegative() || skew.isZero() || skew.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("skew: " + skew + " (expected: more than 0, at most 1 day)");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: at least 1)");
        }
        this.skew = skew;
        this.capacity = capacity;
        this.clock = clock;
        this.journal = journal;
        Instant now = clock.instant();
        journal.entries().entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            if (e.getValue().isBefore(now)) {
                journal.removed(e.getKey());
            } else {
                seen.put(e.getKey(), e.getValue());
            }
        });
    }

    /** Entries held now (metrics). */
    public synchronized int size() {
        return seen.size();
    }

    public Duration skew() {
        return skew;
    }

    /** Checks only the T payload against the clock (for messages that are not cached, e.g. responses). */
    public void checkFresh(MikeyMessage message) throws MikeyException {
        time(message, clock.instant());
    }

    /** Checks the T payload and that the message was not seen, then remembers it until its T + skew. */
    public synchronized void accept(MikeyMessage message) throws MikeyException {
        Instant now = clock.instant();
        Instant t = time(message, now);
        // Entries arrive in roughly the order they expire (T lies within the skew of arrival): dropping expired
        // ones from the oldest end keeps this O(1) amortized, at the price of keeping some up to 2 x skew.
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (!e.getValue().isBefore(now)) {
                break;
            }
            it.remove();
            journal.removed(e.getKey());
        }
        String key = digest(MikeyCodec.encode(message));
        if (seen.containsKey(key)) {
            throw new MikeyException(ErrorNo.INVALID_TS, message.dataType() + " replayed (RFC 3830 5.4)");
        }
        if (seen.size() >= capacity) {
            throw new MikeyException(ErrorNo.INVALID_TS, "replay cache full; refusing until entries expire");
        }
        seen.put(key, t.plus(skew));
        journal.added(key, t.plus(skew));
    }

    private Instant time(MikeyMessage message, Instant now) throws MikeyException {
        Timestamp ts = message.first(Timestamp.class)
                .orElseThrow(() -> new MikeyException(ErrorNo.INVALID_TS, "no T payload"));
        Instant t = MikeyTime.toInstant(ts.tsType(), ts.value());
        if (t == null) {
            throw new MikeyException(ErrorNo.INVALID_TS, "COUNTER timestamps are not accepted (no clock to check)");
        }
        if (Duration.between(t, now).abs().compareTo(skew) > 0) {
            throw new MikeyException(ErrorNo.INVALID_TS, "T " + t + " outside the allowed clock skew of " + skew);
        }
        return t;
    }

    private static String digest(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
