package org.keygate.ipx.node;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * No connect to a next hop was tried: its last {@code failures} connects failed, and the next try is {@code retryIn}
 * away ({@link NextHopBackoff}). The message (for logs) names the address; {@link #detail()} (for the sending SEPP,
 * another operator) does not.
 */
final class NextHopBackingOff extends java.net.ConnectException {
    private final String detail;

    NextHopBackingOff(String sepp, InetSocketAddress address, int failures, Duration retryIn) {
        super("no connect to SEPP " + sepp + " at " + address + ": its last " + failures
                + " connect(s) failed, the next is tried in " + retryIn.toMillis() + " ms");
        this.detail = "SEPP " + sepp + " could not be reached: the IPX's last " + failures
                + " connect(s) to it failed, it tries again in " + retryIn.toMillis() + " ms";
    }

    String detail() {
        return detail;
    }
}
