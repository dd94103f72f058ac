package org.keygate.sepp.cluster;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the cluster's state in etcd, kept by a watch: the live members with their internal
 * addresses, the context directory and the TLS-mode agreements. Relaying and TLS-mode checks read only this copy,
 * so a message costs no etcd round trip, and established contexts keep working while etcd is out of reach
 * (docs/CLUSTER.md: the copy is then frozen; an instance that dies meanwhile is found out by the failed relay).
 *
 * <p>Entries that do not parse are logged and skipped: another version's or a hand-written entry must not stop the
 * watch.
 */
final class ClusterView {
    private static final Logger log = LoggerFactory.getLogger(ClusterView.class);
    private final ClusterKeys keys;
    private final Map<String, InetSocketAddress> members = new ConcurrentHashMap<>();
    private final Map<String, PartnerList> partnerLists = new ConcurrentHashMap<>();
    private final Map<String, ContextRecord> contexts = new ConcurrentHashMap<>();
    /** TLS-mode agreements by etcd key. */
    private final Map<String, TlsAgreementRecord> tlsAgreements = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<TlsAgreementRecord> agreementGone = r -> {};
    /** Partner -> instance -> the messages it asked for in its last budget period. */
    private final Map<String, Map<String, Long>> demands = new ConcurrentHashMap<>();

    ClusterView(ClusterKeys keys) {
        this.keys = keys;
    }

    /**
     * Makes the copy what etcd holds: entries added or updated first, then the ones etcd no longer has removed, so a
     * relay meanwhile never sees an empty copy.
     */
    void load(Map<String, String> values) {
        values.forEach(this::put);
        members.keySet().removeIf(i -> !values.containsKey(keys.member(i)));
        partnerLists.keySet().removeIf(i -> !members.containsKey(i));
        contexts.keySet().removeIf(id -> !values.containsKey(keys.context(id)));
        tlsAgreements.keySet().stream().filter(k -> !values.containsKey(k)).toList().forEach(this::delete);
        demands.forEach((peer, byInstance) -> byInstance.keySet().removeIf(i -> !values.containsKey(keys.budget(peer, i))));
    }

    void put(String key, String value) {
        try {
            var instance = keys.instanceOf(key);
            if (instance.isPresent()) {
                MemberRecord m = SbiJson.mapper().readValue(value, MemberRecord.class);
                members.put(instance.get(), address(m.internal()));
                if (m.partners() != null) {
                    partnerLists.put(instance.get(), m.partners());
                }
                return;
            }
            if (keys.isTlsAgreement(key)) {
                tlsAgreements.put(key, SbiJson.mapper().readValue(value, TlsAgreementRecord.class));
                return;
            }
            var id = keys.contextOf(key);
            if (id.isPresent()) {
                contexts.put(id.get(), SbiJson.mapper().readValue(value, ContextRecord.class));
                return;
            }
            var budget = keys.budgetOf(key);
            if (budget.isPresent()) {
                demands.computeIfAbsent(budget.get()[0], p -> new ConcurrentHashMap<>()).put(budget.get()[1],
                        SbiJson.mapper().readValue(value, DemandRecord.class).demand());
            }
        } catch (java.io.IOException | SbiJsonException | IllegalArgumentException e) {
            log.warn("cluster: etcd key {} has a value this instance cannot read; ignored: {}", key, e.getMessage());
        }
    }

    void delete(String key) {
        keys.instanceOf(key).ifPresent(i -> {
            partnerLists.remove(i);
            if (members.remove(i) != null) {
                log.info("cluster: instance {} left (its lease ended or it stopped)", i);
            }
        });
        keys.contextOf(key).ifPresent(contexts::remove);
        TlsAgreementRecord agreement = tlsAgreements.remove(key);
        if (agreement != null) {
            agreementGone.accept(agreement);
        }
        keys.budgetOf(key).ifPresent(b -> demands.getOrDefault(b[0], Map.of()).remove(b[1]));
    }

    /** Told of each TLS-mode agreement that leaves etcd (ended by some instance, or expired). */
    void onAgreementGone(java.util.function.Consumer<TlsAgreementRecord> listener) {
        this.agreementGone = listener;
    }

    /** Records a TLS-mode agreement of this instance at once (the watch would echo it a moment later). */
    void putTlsAgreement(String key, TlsAgreementRecord record) {
        tlsAgreements.put(key, record);
    }

    /** Every instance's TLS-mode agreements with {@code partner} as this copy has them. */
    java.util.List<TlsAgreementRecord> tlsAgreements(String partner) {
        return tlsAgreements.values().stream().filter(r -> r.partner().equals(partner)).toList();
    }

    int tlsAgreementCount() {
        return tlsAgreements.size();
    }

    /** The last demand each live instance published for {@code peer}. */
    Map<String, Long> demands(String peer) {
        Map<String, Long> out = new java.util.HashMap<>();
        demands.getOrDefault(peer, Map.of()).forEach((instance, d) -> {
            if (members.containsKey(instance)) {
                out.put(instance, d);
            }
        });
        return out;
    }

    /** The partner list each live instance published, by instance. */
    Map<String, PartnerList> partnerLists() {
        return Map.copyOf(partnerLists);
    }

    /** Records a context of this instance at once (the watch would echo it a moment later). */
    void putContext(String id, ContextRecord record) {
        contexts.put(id, record);
    }

    Optional<ContextRecord> context(String id) {
        return Optional.ofNullable(contexts.get(id));
    }

    /**
     * Context {@code id}'s record as etcd itself has it ({@code get} reads one key), for an ID this copy lacks: a
     * context another instance negotiated moments ago may not have come through the watch yet, and its partner's
     * first message may reach this instance first. Not put into the copy: that stays the watch's, in etcd's order.
     * A value that does not parse counts as none.
     */
    java.util.concurrent.CompletableFuture<Optional<ContextRecord>> fetchContext(String id,
            java.util.function.Function<String, java.util.concurrent.CompletableFuture<Optional<String>>> get) {
        return get.apply(keys.context(id)).thenApply(value -> value.flatMap(v -> {
            try {
                return Optional.of(SbiJson.mapper().readValue(v, ContextRecord.class));
            } catch (java.io.IOException | SbiJsonException | IllegalArgumentException e) {
                log.warn("cluster: etcd's entry of context {} cannot be read; ignored: {}", id, e.getMessage());
                return Optional.empty();
            }
        }));
    }

    Optional<InetSocketAddress> member(String instance) {
        return Optional.ofNullable(members.get(instance));
    }

    int memberCount() {
        return members.size();
    }

    int contextCount() {
        return contexts.size();
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
