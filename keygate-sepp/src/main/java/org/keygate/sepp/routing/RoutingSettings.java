package org.keygate.sepp.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.keygate.tls.plmn.PlmnId;

/**
 * Frozen routing settings of a consumer-side SEPP: its own PLMN IDs, the domain of its telescopic FQDNs, and one
 * {@link PeerRoute} per roaming partner it forwards to. Built with {@link #builder()}, which checks each value and
 * refuses contradictions; a peer without a route is never forwarded to.
 *
 * @param telescopicDomain the SEPP domain of TS 23.003 28.5.2, e.g. {@code sepp.5gc.mnc001.mcc001.3gppnetwork.org}.
 */
public record RoutingSettings(List<PlmnId> ownPlmns, String telescopicDomain, int maxTelescopicEntries,
        Map<String, PeerRoute> routes) {

    public RoutingSettings {
        ownPlmns = List.copyOf(ownPlmns);
        Objects.requireNonNull(telescopicDomain, "telescopicDomain");
        routes = Map.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Checks each setting as given; {@link #build()} refuses missing or contradictory ones. */
    public static final class Builder {
        private final List<PlmnId> ownPlmns = new ArrayList<>();
        private String telescopicDomain;
        private int maxTelescopicEntries = TelescopicFqdns.DEFAULT_MAX_HASHED_ENTRIES;
        private final Map<String, PeerRoute> routes = new LinkedHashMap<>();

        private Builder() {}

        public Builder ownPlmn(PlmnId plmn) {
            ownPlmns.add(Objects.requireNonNull(plmn, "plmn"));
            return this;
        }

        /** The telescopic domain; defaults to {@code sepp.5gc.<first own PLMN>.3gppnetwork.org}. */
        public Builder telescopicDomain(String domain) {
            if (domain == null || !ApiRoot.validHostName(domain) || PlmnId.fromFqdn(domain).isEmpty()) {
                throw new IllegalArgumentException("telescopicDomain: " + domain
                        + " (expected: a 5GC FQDN such as sepp.5gc.mnc001.mcc001.3gppnetwork.org)");
            }
            this.telescopicDomain = domain;
            return this;
        }

        public Builder maxTelescopicEntries(int entries) {
            if (entries < 1) {
                throw new IllegalArgumentException("maxTelescopicEntries: " + entries + " (expected: > 0)");
            }
            this.maxTelescopicEntries = entries;
            return this;
        }

        public Builder route(String peerName, Set<String> allowedApis, Set<String> allowedPurposes) {
            PeerRoute r = new PeerRoute(peerName, allowedApis, allowedPurposes);
            if (routes.putIfAbsent(peerName, r) != null) {
                throw new IllegalArgumentException("routes: peer " + peerName + " twice (expected: one route each)");
            }
            return this;
        }

        public Builder route(String peerName, Set<String> allowedApis) {
            return route(peerName, allowedApis, Set.of());
        }

        public RoutingSettings build() {
            if (ownPlmns.isEmpty()) {
                throw new IllegalStateException("ownPlmns: [] (expected: this SEPP's PLMN IDs)");
            }
            String domain = telescopicDomain == null ? ownPlmns.getFirst().seppFqdn() : telescopicDomain;
            if (!ownPlmns.contains(PlmnId.fromFqdn(domain).orElseThrow())) {
                throw new IllegalStateException("telescopicDomain: " + domain
                        + " (expected: a domain of one of the own PLMNs " + ownPlmns + ")");
            }
            return new RoutingSettings(ownPlmns, domain, maxTelescopicEntries, routes);
        }
    }
}
