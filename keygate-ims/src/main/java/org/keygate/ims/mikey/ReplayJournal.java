package org.keygate.ims.mikey;

import java.time.Instant;
import java.util.Map;

/**
 * Where a {@link MikeyReplayCache} keeps what it has seen beyond the process: the cache reads {@link #entries()} once
 * when created and reports every entry it adds or drops, so that a message replayed after a restart within its skew
 * window is still refused (RFC 3830 5.4). Keys are message digests, never key material.
 */
public interface ReplayJournal {
    /** Nothing kept: the cache starts empty after every restart. */
    ReplayJournal NONE = new ReplayJournal() {
        @Override
        public Map<String, Instant> entries() {
            return Map.of();
        }

        @Override
        public void added(String digest, Instant expiry) {
        }

        @Override
        public void removed(String digest) {
        }
    };

    /** Digest to expiry of every entry kept. */
    Map<String, Instant> entries();

    /** Called after the cache accepted a message; must be durable when it returns. */
    void added(String digest, Instant expiry);

    void removed(String digest);
}
