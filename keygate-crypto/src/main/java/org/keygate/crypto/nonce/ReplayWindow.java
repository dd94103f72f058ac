package org.keygate.crypto.nonce;

import java.util.BitSet;

/**
 * The receiver's anti-replay check over SEQ (DESIGN.md), a sliding window in the manner of RFC 4303 3.4.3: SEQ
 * values above the highest seen are accepted and slide the window; values inside it are accepted once; older
 * ones are refused. Thread-safe.
 */
public final class ReplayWindow {
    /** Enough to absorb reordering across HTTP/2 streams of one connection. */
    public static final int DEFAULT_SIZE = 1024;

    private final int size;
    private final BitSet seen;
    private long highest = -1;

    /** A window of {@value #DEFAULT_SIZE} SEQ values. */
    public ReplayWindow() {
        this(DEFAULT_SIZE);
    }

    /** A window of {@code size} SEQ values below and including the highest accepted one. */
    public ReplayWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size: " + size + " (expected: >= 1)");
        }
        this.size = size;
        this.seen = new BitSet(size);
    }

    /** True the first time {@code seq} is offered while inside the window; false for replays and stale values. */
    public synchronized boolean accept(long seq) {
        if (seq < 0 || seq >= NonceSequence.SEQ_LIMIT) {
            return false;
        }
        if (seq > highest) {
            long shift = seq - highest;
            if (shift >= size) {
                seen.clear();
            } else {
                for (long s = highest + 1; s <= seq; s++) {
                    seen.clear((int) (s % size));
                }
            }
            highest = seq;
            seen.set((int) (seq % size));
            return true;
        }
        if (highest - seq >= size) {
            return false;
        }
        int bit = (int) (seq % size);
        if (seen.get(bit)) {
            return false;
        }
        seen.set(bit);
        return true;
    }
}
