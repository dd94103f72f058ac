package org.keygate.sepp.labnf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The lab UDM's subscribers, checked as given: SUPIs unique, at least one subscriber. */
public record UdmSettings(List<LabSubscriber> subscribers) {
    /** Bound on a lab subscriber list (the UDM keeps one SQN per subscriber in memory). */
    public static final int MAX_SUBSCRIBERS = 100_000;

    public UdmSettings {
        subscribers = List.copyOf(subscribers);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<LabSubscriber> subscribers = new ArrayList<>();

        private Builder() {}

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
            if (subscribers.isEmpty()) {
                throw new IllegalStateException("subscribers: [] (expected: at least one)");
            }
            return new UdmSettings(subscribers);
        }
    }
}
