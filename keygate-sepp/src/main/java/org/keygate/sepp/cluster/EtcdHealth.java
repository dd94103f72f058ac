package org.keygate.sepp.cluster;

/**
 * Whether this instance's last etcd operation worked: set by each lease renewal and directory write. New contexts
 * are refused while it does not ({@link ContextDirectory}); traffic on established ones never asks.
 */
final class EtcdHealth {
    private volatile boolean ok;
    /** False until the first outcome, so that an etcd out of reach at start is logged too. */
    private volatile boolean known;
    private volatile String lastError = "not connected yet";

    boolean ok() {
        return ok;
    }

    String lastError() {
        return lastError;
    }

    /** Returns true if this is a change (for one log line per outage, not one per renewal). */
    boolean succeeded() {
        boolean changed = !ok || !known;
        ok = true;
        known = true;
        return changed;
    }

    boolean failed(String error) {
        boolean changed = ok || !known;
        lastError = error;
        ok = false;
        known = true;
        return changed;
    }
}
