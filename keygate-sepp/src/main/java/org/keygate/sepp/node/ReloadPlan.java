package org.keygate.sepp.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.peer.PeerSepp;

/**
 * What a reload changes, partner by partner, between the running configuration and a new, validated one (issue 18,
 * docs/OPERATIONS.md "Reload"). Pure: {@link SeppNode#reload} acts on it.
 *
 * @param added partners new in the file: reachable at once, handshaken when this SEPP initiates.
 * @param removed partners gone from the file (as they ran): their contexts end with n32f-terminate once their
 *     requests in flight are answered.
 * @param renegotiated partners (as the file has them) whose handshake-exchanged settings changed (protection
 *     policy, Roaming Intermediary, FQDN, PLMN IDs, trust anchor), all of them when this SEPP's own N32-c offer
 *     changed (capabilities, cipher suites, IPX provider information, keepalive, policy requirements): a new N32-f
 *     context is negotiated while the old one keeps serving.
 * @param redialled partners (as they ran) whose addresses, FQDN or trust changed: their connections are retired
 *     (closed after their requests in flight), so the next request dials anew.
 * @param initiating partners that this SEPP now initiates with (added ones included), handshaken now.
 */
record ReloadPlan(List<PeerSepp> added, List<PeerSepp> removed, List<PeerSepp> renegotiated,
        List<PeerSepp> redialled, List<PeerSepp> initiating, boolean homeNfsChanged) {

    private static final String RESTART = "unchanged by a reload; restart the SEPP to apply it";

    /**
     * The plan from {@code running} to {@code next}.
     *
     * @throws ConfigException naming the first member that only a restart can change, with both values
     */
    static ReloadPlan between(SeppConfig running, SeppConfig next) {
        restartOnly(running, next);
        Map<String, PeerSepp> before = byName(running.peers());
        Map<String, PeerSepp> after = byName(next.peers());
        List<PeerSepp> added = next.peers().stream().filter(p -> !before.containsKey(p.name())).toList();
        List<PeerSepp> removed = running.peers().stream().filter(p -> !after.containsKey(p.name())).toList();
        List<PeerSepp> renegotiated = new ArrayList<>();
        List<PeerSepp> redialled = new ArrayList<>();
        List<PeerSepp> initiating = new ArrayList<>(added.stream().filter(PeerSepp::initiate).toList());
        N32cSettings x = running.n32c();
        N32cSettings y = next.n32c();
        boolean ownOfferChanged = !ownOffer(x).equals(ownOffer(y));
        for (PeerSepp now : next.peers()) {
            PeerSepp was = before.get(now.name());
            if (was == null) {
                continue;
            }
            boolean identity = !was.fqdn().equals(now.fqdn()) || !was.plmnIds().equals(now.plmnIds())
                    || !was.trustAnchor().equals(now.trustAnchor());
            // TS 29.573 5.2.2, 5.2.3: the capabilities, cipher suites, protection policy and the IPX provider
            // information are exchanged in N32-c; the partner's policy is judged against this SEPP's requirements.
            if (identity || ownOfferChanged || !x.protectionPolicyFor(was).equals(y.protectionPolicyFor(now))
                    || !was.intermediary().equals(now.intermediary())) {
                renegotiated.add(now);
            } else if (now.initiate() && !was.initiate()) {
                initiating.add(now);
            }
            if (identity || !was.n32cAddress().equals(now.n32cAddress())
                    || !was.n32fAddress().equals(now.n32fAddress())
                    || !was.intermediary().equals(now.intermediary())) {
                redialled.add(was);
            }
        }
        return new ReloadPlan(added, removed, List.copyOf(renegotiated), List.copyOf(redialled),
                List.copyOf(initiating), !running.homeNfs().equals(next.homeNfs()));
    }

    /**
     * What this SEPP offers or requires in every N32-c handshake besides its protection policy (compared per partner,
     * as a partner may have its own): a change means a new N32-f context with every partner (issue 18).
     */
    private static List<Object> ownOffer(N32cSettings s) {
        return List.of(s.capabilities(), s.jweCipherSuites(), s.jwsCipherSuites(), s.ipxProviders(),
                s.requiredPeerEncryption(), s.onPolicyMismatch(), s.n32KeepaliveTimer());
    }

    /** One line for the log: what the reload does to partners. */
    String summary() {
        return "partners added " + names(added) + ", removed " + names(removed) + ", renegotiated "
                + names(renegotiated) + ", redialled " + names(redialled) + (homeNfsChanged ? ", home NFs changed" : "");
    }

    private static List<String> names(List<PeerSepp> peers) {
        return peers.stream().map(PeerSepp::name).toList();
    }

    private static Map<String, PeerSepp> byName(List<PeerSepp> peers) {
        return peers.stream().collect(Collectors.toMap(PeerSepp::name, Function.identity()));
    }

    /**
     * The members a running node cannot take over: its identity and everything its listeners, clients and N32-c
     * service were built with. Named by their paths in the file (docs/CONFIGURATION.md).
     */
    private static void restartOnly(SeppConfig a, SeppConfig b) {
        same("name", a.name(), b.name());
        N32cSettings x = a.n32c();
        N32cSettings y = b.n32c();
        same("fqdn", x.fqdn(), y.fqdn());
        same("plmnIds", x.plmnIds(), y.plmnIds());
        // security.capabilities, jwe/jwsCipherSuites, requiredPeerEncryption, onPolicyMismatch, n32KeepaliveTimer,
        // protectionPolicy and ipxProviders are reloaded (new contexts, see between); contextLifetime applies to the
        // contexts agreed from then on.
        same("n32f.fqdn", x.n32fFqdn(), y.n32fFqdn());
        same("n32f.port", x.n32fPort(), y.n32fPort());
        same("n32c", a.n32cListener(), b.n32cListener());
        same("admin", a.admin(), b.admin());
        same("n32f", a.n32fListener(), b.n32fListener());
        same("sbi", a.sbiListener(), b.sbiListener());
        same("tls.protocols", a.tlsProtocols(), b.tlsProtocols());
        // The listeners' and clients' TLS engines are made once, at start.
        same("tls.provider", a.tlsProvider(), b.tlsProvider());
        same("security.handshakeTimeout, security.handshakeRetries, security.retryBackoff", a.handshakeRetry(),
                b.handshakeRetry());
        same("http2", a.h2(), b.h2());
        same("shutdown.drainTimeout", a.drainTimeout(), b.drainTimeout());
        same("routing.telescopicDomain", a.edge().routing().telescopicDomain(),
                b.edge().routing().telescopicDomain());
        same("routing.maxTelescopicEntries", a.edge().routing().maxTelescopicEntries(),
                b.edge().routing().maxTelescopicEntries());
        // The instance's membership, lease and internal link are made once at start (docs/CLUSTER.md).
        same("cluster", a.cluster(), b.cluster());
    }

    private static void same(String field, Object running, Object next) {
        if (!Objects.equals(running, next)) {
            throw new ConfigException(field, String.valueOf(next) + " (running: " + running + ")", RESTART);
        }
    }
}
