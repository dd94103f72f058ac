package org.keygate.sepp.config;

import java.util.List;
import java.util.Objects;
import org.keygate.sepp.edge.PlmnIdCheckSettings;
import org.keygate.sepp.edge.RateLimitSettings;
import org.keygate.sepp.edge.TopologyHidingSettings;
import org.keygate.sepp.routing.RoutingSettings;
import org.keygate.tls.plmn.PlmnId;

/**
 * The roaming-proxy part of a SEPP's configuration: routing of its NFs' requests to partners, and the edge rules
 * (TS 33.501 5.9.3.2) on both directions.
 *
 * @param inboundApis per partner, the service APIs it may call in this PLMN; a partner without an entry may call
 *     any API of the configured home NFs.
 * @param fillOriginatingNetworkId partners whose requests may lack {@code 3gpp-Sbi-Originating-Network-Id}: the
 *     receiving SEPP fills it from the partner's PLMN instead of refusing (TS 33.501 5.9.3.2 asks the sending SEPP
 *     to insert it; some SEPPs, e.g. Open5GS, never do). Empty by default: refused.
 */
public record EdgeSettings(
        RoutingSettings routing,
        RateLimitSettings rateLimits,
        PlmnIdCheckSettings plmnIdCheck,
        TopologyHidingSettings topologyHiding,
        java.util.Map<String, java.util.Set<String>> inboundApis,
        java.util.Set<String> fillOriginatingNetworkId) {

    /** Settings that fill no partner's Originating-Network-Id. */
    public EdgeSettings(RoutingSettings routing, RateLimitSettings rateLimits, PlmnIdCheckSettings plmnIdCheck,
            TopologyHidingSettings topologyHiding, java.util.Map<String, java.util.Set<String>> inboundApis) {
        this(routing, rateLimits, plmnIdCheck, topologyHiding, inboundApis, java.util.Set.of());
    }

    public EdgeSettings {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(plmnIdCheck, "plmnIdCheck");
        Objects.requireNonNull(topologyHiding, "topologyHiding");
        inboundApis = java.util.Map.copyOf(inboundApis);
        fillOriginatingNetworkId = java.util.Set.copyOf(fillOriginatingNetworkId);
    }

    /** No partner routes (nothing is forwarded), default rate limits and PLMN checks, no topology hiding. */
    public static EdgeSettings defaults(List<PlmnId> ownPlmns) {
        RoutingSettings.Builder routing = RoutingSettings.builder();
        TopologyHidingSettings.Builder topology = TopologyHidingSettings.builder().refuseUnmapped(false);
        ownPlmns.forEach(routing::ownPlmn);
        ownPlmns.forEach(topology::ownPlmn);
        return new EdgeSettings(routing.build(), RateLimitSettings.builder().build(), PlmnIdCheckSettings.defaults(),
                topology.build(), java.util.Map.of());
    }
}
