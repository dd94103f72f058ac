package org.keygate.sepp.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-peer rate limits (TS 33.501 5.9.3.2: the SEPP "shall implement rate-limiting functionalities to defend itself
 * and subsequent NFs against excessive CP signaling"): a token bucket per peer that holds at most {@code burst}
 * messages and refills at {@code messagesPerSecond}, and at most {@code maxInFlight} of the peer's requests in
 * progress at the home NFs at once (beyond it 429 at once, instead of a queue that a stalled NF would grow without
 * bound). A peer without its own entry gets the default.
 */
public record RateLimitSettings(Limit defaultLimit, Map<String, Limit> perPeer) {
    /** Default refill rate: well above the lab's load and far below what one SEPP node can take. */
    public static final double DEFAULT_MESSAGES_PER_SECOND = 5_000;
    /** Default bucket size: one second of traffic at the default rate. */
    public static final int DEFAULT_BURST = 5_000;
    /** Default requests in progress per peer: a few hundred milliseconds of traffic at the default rate. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2_000;

    public RateLimitSettings {
        java.util.Objects.requireNonNull(defaultLimit, "defaultLimit");
        perPeer = Map.copyOf(perPeer);
    }

    public Limit limitOf(String peerName) {
        return perPeer.getOrDefault(peerName, defaultLimit);
    }

    /** One bucket's size and refill rate, and the peer's requests in progress at most. */
    public record Limit(double messagesPerSecond, int burst, int maxInFlight) {
        public Limit(double messagesPerSecond, int burst) {
            this(messagesPerSecond, burst, DEFAULT_MAX_IN_FLIGHT);
        }

        public Limit {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
            }
            if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
                throw new IllegalArgumentException("messagesPerSecond: " + messagesPerSecond
                        + " (expected: a finite number > 0)");
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Limit defaultLimit = new Limit(DEFAULT_MESSAGES_PER_SECOND, DEFAULT_BURST);
        private final Map<String, Limit> perPeer = new LinkedHashMap<>();

        private Builder() {}

        public Builder defaultLimit(double messagesPerSecond, int burst) {
            return defaultLimit(messagesPerSecond, burst, DEFAULT_MAX_IN_FLIGHT);
        }

        public Builder defaultLimit(double messagesPerSecond, int burst, int maxInFlight) {
            this.defaultLimit = new Limit(messagesPerSecond, burst, maxInFlight);
            return this;
        }

        public Builder peer(String peerName, double messagesPerSecond, int burst) {
            return peer(peerName, messagesPerSecond, burst, DEFAULT_MAX_IN_FLIGHT);
        }

        public Builder peer(String peerName, double messagesPerSecond, int burst, int maxInFlight) {
            if (perPeer.putIfAbsent(java.util.Objects.requireNonNull(peerName, "peerName"),
                    new Limit(messagesPerSecond, burst, maxInFlight)) != null) {
                throw new IllegalArgumentException("perPeer: " + peerName + " twice (expected: one limit each)");
            }
            return this;
        }

        public RateLimitSettings build() {
            return new RateLimitSettings(defaultLimit, perPeer);
        }
    }
}
