package org.keygate.labnf;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * The lab AUSF: its own apiRoot (for {@code Location} and {@code _links}), its NF instance ID (sent to the UDM as
 * {@code ausfInstanceId}), where the UDM's h2c listener is and its {@code :authority}, how long a 5G AKA context
 * waits for the confirmation, and how many may wait at once.
 */
public record AusfSettings(String apiRoot, UUID nfInstanceId, InetSocketAddress udmAddress, String udmAuthority,
        Duration contextLifetime, int maxContexts, Clock clock) {
    /** Default wait for the 5G-AKA confirmation: far longer than a UE's answer takes (TS 24.501 T3560 is 6 s). */
    public static final Duration DEFAULT_CONTEXT_LIFETIME = Duration.ofSeconds(30);
    /** Default bound on open authentication contexts. */
    public static final int DEFAULT_MAX_CONTEXTS = 100_000;

    public AusfSettings {
        Objects.requireNonNull(apiRoot, "apiRoot");
        Objects.requireNonNull(nfInstanceId, "nfInstanceId");
        Objects.requireNonNull(udmAddress, "udmAddress");
        Objects.requireNonNull(udmAuthority, "udmAuthority");
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String apiRoot;
        private UUID nfInstanceId = UUID.randomUUID();
        private InetSocketAddress udmAddress;
        private String udmAuthority;
        private Duration contextLifetime = DEFAULT_CONTEXT_LIFETIME;
        private int maxContexts = DEFAULT_MAX_CONTEXTS;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** e.g. {@code https://ausf.5gc.mnc001.mcc001.3gppnetwork.org} (TS 29.501 4.4.1), without a trailing "/". */
        public Builder apiRoot(String root) {
            if (root == null || !root.matches("^https?://[A-Za-z0-9.:\\[\\]-]+(/[A-Za-z0-9._~-]+)*$")) {
                throw new IllegalArgumentException("apiRoot: " + root + " (expected: scheme://authority[/prefix])");
            }
            this.apiRoot = root;
            return this;
        }

        public Builder nfInstanceId(UUID id) {
            this.nfInstanceId = Objects.requireNonNull(id, "nfInstanceId");
            return this;
        }

        public Builder udm(InetSocketAddress address, String authority) {
            this.udmAddress = Objects.requireNonNull(address, "address");
            this.udmAuthority = Objects.requireNonNull(authority, "authority");
            return this;
        }

        public Builder contextLifetime(Duration d) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("contextLifetime: " + d + " (expected: > 0)");
            }
            this.contextLifetime = d;
            return this;
        }

        public Builder maxContexts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxContexts: " + n + " (expected: > 0)");
            }
            this.maxContexts = n;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        public AusfSettings build() {
            if (apiRoot == null) {
                throw new IllegalStateException("apiRoot: missing");
            }
            if (udmAddress == null) {
                throw new IllegalStateException("udm: missing (expected: the UDM's address and authority)");
            }
            return new AusfSettings(apiRoot, nfInstanceId, udmAddress, udmAuthority, contextLifetime, maxContexts,
                    clock);
        }
    }
}
