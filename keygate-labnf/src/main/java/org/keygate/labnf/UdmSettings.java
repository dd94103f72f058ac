package org.keygate.labnf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lab UDM's apiRoot (for {@code Location}, TS 29.501 4.4.1) and subscribers, checked as given: SUPIs unique, at
 * least one subscriber.
 */
public record UdmSettings(String apiRoot, List<LabSubscriber> subscribers) {
    /** Bound on a lab subscriber list (the UDM keeps one SQN per subscriber in memory). */
    public static final int MAX_SUBSCRIBERS = 100_000;

    public UdmSettings {
        Objects.requireNonNull(apiRoot, "apiRoot");
        subscribers = List.copyOf(subscribers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<LabSubscriber> subscribers = new ArrayList<>();
        private String apiRoot;

        private Builder() {}

        /** e.g. {@code http://udm.5gc.mnc099.mcc999.3gppnetwork.org}, without a trailing "/". */
        public Builder apiRoot(String root) {
            if (root == null || !root.matches("^https?://[A-Za-z0-9.:\\[\\]-]+(/[A-Za-z0-9._~-]+)*$")) {
                throw new IllegalArgumentException("apiRoot: " + root + " (expected: scheme://authority[/prefix])");
            }
            this.apiRoot = root;
            return this;
        }

        public Builder subscriber(LabSubscriber s) {
            Objects.requireNonNull(s, "subscriber");
            if (subscribers.stream().anyMatch(o -> o.supi().equals(s.supi()))) {
                throw new IllegalArgumentException("subscribers: " + s.supi() + " twice (expected: unique SUPIs)");
            }
            if (subscribers.size() == MAX_SUBSCRIBERS) {
                throw new IllegalArgumentException("subscribers: more than " + MAX_SUBSCRIBERS);
            }
            subscribers.add(s);
            return this;
        }

        public UdmSettings build() {
            if (apiRoot == null) {
                throw new IllegalStateException("apiRoot: missing");
            }
            if (subscribers.isEmpty()) {
                throw new IllegalStateException("subscribers: [] (expected: at least one)");
            }
            return new UdmSettings(apiRoot, subscribers);
        }
    }
}
