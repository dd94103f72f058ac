package org.keygate.sepp.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-peer rate limits (TS 33.501 5.9.3.2: the SEPP "shall implement rate-limiting functionalities to defend itself
 * and subsequent NFs against excessive CP signaling"): a token bucket per peer that holds at most {@code burst}
 * messages and refills at {@code messagesPerSecond}. A peer without its own entry gets the default.
 */
public record RateLimitSettings(Limit defaultLimit, Map<String, Limit> perPeer) {
    /** Default refill rate: well above the lab's load and far below what one SEPP node can take. */
    public static final double DEFAULT_MESSAGES_PER_SECOND = 5_000;
    /** Default bucket size: one second of traffic at the default rate. */
    public static final int DEFAULT_BURST = 5_000;

    public RateLimitSettings {
        java.util.Objects.requireNonNull(defaultLimit, "defaultLimit");
        perPeer = Map.copyOf(perPeer);
    }

    public Limit limitOf(String peerName) {
        return perPeer.getOrDefault(peerName, defaultLimit);
    }

    /** One bucket's size and refill rate. */
    public record Limit(double messagesPerSecond, int burst) {
        public Limit {
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
            this.defaultLimit = new Limit(messagesPerSecond, burst);
            return this;
        }

        public Builder peer(String peerName, double messagesPerSecond, int burst) {
            if (perPeer.putIfAbsent(java.util.Objects.requireNonNull(peerName, "peerName"),
                    new Limit(messagesPerSecond, burst)) != null) {
                throw new IllegalArgumentException("perPeer: " + peerName + " twice (expected: one limit each)");
            }
            return this;
        }

        public RateLimitSettings build() {
            return new RateLimitSettings(defaultLimit, perPeer);
        }
    }
}
