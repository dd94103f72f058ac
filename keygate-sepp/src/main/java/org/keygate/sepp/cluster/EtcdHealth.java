package org.keygate.sepp.cluster;

/**
 * Whether this instance's last etcd operation worked: set by each lease renewal and directory write. New contexts
 * are refused while it does not ({@link ContextDirectory}); traffic on established ones never asks.
 */
final class EtcdHealth {
    private volatile boolean ok;
    private volatile String lastError = "not connected yet";

    boolean ok() {
        return ok;
    }

    String lastError() {
        return lastError;
    }

    /** Returns true if this is a change (for one log line per outage, not one per renewal). */
    boolean succeeded() {
        boolean was = ok;
        ok = true;
        return !was;
    }

    boolean failed(String error) {
        boolean was = ok;
        lastError = error;
        ok = false;
        return was;
    }
}
