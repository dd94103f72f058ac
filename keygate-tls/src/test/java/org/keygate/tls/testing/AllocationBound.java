package org.keygate.tls.testing;

import java.lang.management.ManagementFactory;

/**
 * The fuzz targets' "bounded allocation" contract: what a parser allocates for one input, read from HotSpot's
 * per-thread allocation counter, stays under a budget proportional to the input. A length field trusted before it is
 * checked (a 2^31-octet array for a four-octet header) breaks it at once; the fixed part covers the parsers' own
 * buffers (Jackson's, Netty's).
 *
 * <p>The action runs twice and only the second run is counted: the first loads and initializes classes (and Jazzer
 * instruments them as they load), which allocates megabytes once per class, not per input.
 */
public final class AllocationBound {
    /**
     * What any target here may take whatever the input: Jackson's and Netty's buffers, a JSON tree's nodes, and the
     * N32-f targets' fresh context per input (key derivation, JCE ciphers: 4.7 MB for the N32-EXAMPLES request, over
     * the 4 MiB first chosen).
     */
    public static final long FIXED_BYTES = 16L << 20;
    /** Per input octet: decoded values, copies, error text; a parser far above this copies quadratically. */
    public static final long BYTES_PER_INPUT_OCTET = 512;

    /**
     * A multiplier of every budget, 1 unless set: {@code ./keygate fuzz} sets 8, because there the libraries are
     * instrumented and each string comparison they make is copied for libFuzzer on this thread.
     */
    static final long FACTOR = Long.getLong("keygate.allocationBound.factor", 1);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationBound() {}

    /** Runs {@code action} (one input's parse and its checks) twice; fails if the second run went over budget. */
    public static void within(int inputOctets, Runnable action) {
        within(inputOctets, FIXED_BYTES, action);
    }

    /** As {@link #within(int, Runnable)}, with another fixed part, for a target whose valid inputs cost more. */
    public static void within(int inputOctets, long fixedBytes, Runnable action) {
        action.run();
        long start = THREADS.getCurrentThreadAllocatedBytes();
        action.run();
        long used = THREADS.getCurrentThreadAllocatedBytes() - start;
        long budget = FACTOR * (fixedBytes + BYTES_PER_INPUT_OCTET * inputOctets);
        if (used > budget) {
            throw new AssertionError("allocated " + used + " bytes for a " + inputOctets
                    + "-octet input (budget " + budget + ")");
        }
    }
}
