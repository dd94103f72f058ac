package org.keygate.sepp.config;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keygate.sepp.edge.PlmnIdCheckSettings;
import org.keygate.sepp.edge.RateLimitSettings;
import org.keygate.sepp.edge.TopologyHidingSettings;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.routing.RoutingSettings;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.config.ConfigException;

/**
 * The roaming-proxy members of the YAML ({@code routing}, {@code rateLimit}, {@code plmnIdCheck},
 * {@code topologyHiding}, {@code peers[].allowedApis|allowedPurposes|rateLimit}) into {@link EdgeSettings}. The
 * settings' builders check each value; their messages get the member's path here.
 */
final class EdgeConfigLoader {
    private EdgeConfigLoader() {}

    static EdgeSettings edge(RawSeppConfig raw, List<PlmnId> own, List<PeerSepp> peers) {
        RoutingSettings.Builder routing = RoutingSettings.builder();
        own.forEach(routing::ownPlmn);
        RawSeppConfig.Routing r = raw.routing();
        apply("routing.telescopicDomain", () -> {
            if (r != null && r.telescopicDomain() != null) {
                routing.telescopicDomain(r.telescopicDomain());
            }
            if (r != null && r.maxTelescopicEntries() != null) {
                routing.maxTelescopicEntries(r.maxTelescopicEntries());
            }
        });
        RateLimitSettings.Builder rates = RateLimitSettings.builder();
        RawSeppConfig.RateLimit dflt = raw.rateLimit();
        if (dflt != null) {
            apply("rateLimit", () -> rates.defaultLimit(required("rateLimit.messagesPerSecond",
                    dflt.messagesPerSecond()), required("rateLimit.burst", dflt.burst()), maxInFlight(dflt)));
        }
        for (int i = 0; raw.peers() != null && i < raw.peers().size(); i++) {
            RawSeppConfig.Peer p = raw.peers().get(i);
            String f = "peers[" + i + "]";
            String name = peers.get(i).name();
            if (p.allowedApis() != null) {
                apply(f + ".allowedApis", () -> routing.route(name, Set.copyOf(p.allowedApis()),
                        p.allowedPurposes() == null ? Set.of() : Set.copyOf(p.allowedPurposes())));
            }
            if (p.rateLimit() != null) {
                apply(f + ".rateLimit", () -> rates.peer(name, required(f + ".rateLimit.messagesPerSecond",
                        p.rateLimit().messagesPerSecond()), required(f + ".rateLimit.burst", p.rateLimit().burst()),
                        maxInFlight(p.rateLimit())));
            }
        }
        java.util.Map<String, Set<String>> inbound = new java.util.HashMap<>();
        for (int i = 0; raw.peers() != null && i < raw.peers().size(); i++) {
            if (raw.peers().get(i).inboundApis() != null) {
                inbound.put(peers.get(i).name(), Set.copyOf(raw.peers().get(i).inboundApis()));
            }
        }
        Set<String> fill = new java.util.HashSet<>();
        for (int i = 0; raw.peers() != null && i < raw.peers().size(); i++) {
            if (Boolean.TRUE.equals(raw.peers().get(i).fillOriginatingNetworkId())) {
                fill.add(peers.get(i).name());
            }
        }
        PlmnIdCheckSettings.Builder plmn = PlmnIdCheckSettings.builder();
        RawSeppConfig.PlmnIdCheck pc = raw.plmnIdCheck();
        if (pc != null) {
            apply("plmnIdCheck", () -> {
                if (pc.servingNetworkNameMembers() != null) {
                    plmn.servingNetworkNameMembers(new HashSet<>(pc.servingNetworkNameMembers()));
                }
                if (pc.plmnIdMembers() != null) {
                    plmn.plmnIdMembers(new HashSet<>(pc.plmnIdMembers()));
                }
                if (pc.checkAccessToken() != null) {
                    plmn.checkAccessToken(pc.checkAccessToken());
                }
            });
        }
        TopologyHidingSettings.Builder topology = TopologyHidingSettings.builder();
        own.forEach(topology::ownPlmn);
        RawSeppConfig.TopologyHiding th = raw.topologyHiding();
        topology.refuseUnmapped(th != null && th.refuseUnmapped() != null && th.refuseUnmapped());
        if (th != null) {
            apply("topologyHiding", () -> {
                for (Map.Entry<String, String> e : th.pseudonyms() == null ? Set.<Map.Entry<String, String>>of()
                        : th.pseudonyms().entrySet()) {
                    topology.hide(e.getKey(), e.getValue());
                }
                if (th.headers() != null) {
                    topology.headers(new HashSet<>(th.headers()));
                }
            });
        }
        return new EdgeSettings(build("routing", routing::build), build("rateLimit", rates::build),
                build("plmnIdCheck", plmn::build), build("topologyHiding", topology::build), inbound, fill);
    }

    private static int maxInFlight(RawSeppConfig.RateLimit r) {
        return r.maxInFlight() == null ? RateLimitSettings.DEFAULT_MAX_IN_FLIGHT : r.maxInFlight();
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new ConfigException(field, null, "a value");
        }
        return value;
    }

    private static void apply(String field, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(field + ": " + e.getMessage(), e);
        }
    }

    private static <T> T build(String field, java.util.function.Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(field + ": " + e.getMessage(), e);
        }
    }
}
