package org.keygate.sepp.edge;

import java.util.Locale;

/** What {@link PeerRateLimiter} decided for one message; {@link #tag()} is the metric tag value. */
public enum RateLimitOutcome {
    ADMITTED,
    LIMITED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
