package org.keygate.sepp.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keygate.sbi.json.SbiJson;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.context.SharedTlsAgreements;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PlmnId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS-mode agreements shared by the cluster (docs/CLUSTER.md, "TLS mode"): a TLS-mode agreement holds no key at the
 * SEPP, so each one an instance makes is published in etcd ({@code tls-agreements/<partner>/<instance>/<agreement>})
 * and every instance accepts the partner's TLS-mode N32-f under it, as the maker would: the same partner (by its
 * certificate, in this instance's own partner list) and the N32-f certificate's PLMN IDs among the N32-c
 * certificate's (TS 33.501 13.1.2).
 *
 * <p>An entry is on a lease of its own that ends at the agreement's expiry, not on its maker's: the agreement is
 * between the two SEPPs, the partner goes on using it whichever instance made it, and nothing secret is lost with the
 * maker. It leaves etcd when its maker ends it (its lifetime, a newer agreement displacing it, the partner no longer
 * knowing it), when any instance ends the whole agreement with the partner ({@link #endAll}: it offered only NONE, or
 * a reload evicted it), or at its expiry; the maker then ends its own copy too ({@link SeppCluster}).
 */
final class TlsAgreements implements SharedTlsAgreements {
    private static final Logger log = LoggerFactory.getLogger(TlsAgreements.class);
    /** etcd refuses leases shorter than its minimum TTL (1.5 x its election timeout, 1 s by default). */
    private static final long MIN_TTL_SECONDS = 2;

    private final EtcdSession etcd;
    private final ClusterKeys keys;
    private final ClusterView view;
    private final String instance;

    TlsAgreements(EtcdSession etcd, ClusterKeys keys, ClusterView view, String instance) {
        this.etcd = etcd;
        this.keys = keys;
        this.view = view;
        this.instance = instance;
    }

    /** Publishes this instance's TLS-mode agreement {@code context}, on a lease ending at its expiry. */
    void publish(N32fContext context, Instant now) throws EtcdUnavailableException {
        TlsAgreementRecord record = new TlsAgreementRecord(instance, context.peer().name(),
                SecurityCapability.TLS.toString(), context.role().name(),
                context.n32cPeerPlmnIds().stream().map(PlmnId::toString).sorted().toList(),
                context.createdAt().toString(), context.expiresAt().toString());
        long ttl = Math.max(MIN_TTL_SECONDS, ceilSeconds(Duration.between(now, context.expiresAt())));
        String key = key(context);
        etcd.putExpiring(key, new String(SbiJson.write(record), StandardCharsets.UTF_8), ttl);
        view.putTlsAgreement(key, record);
    }

    /** Withdraws this instance's agreement {@code context}, which ended here; if etcd is out of reach, its TTL does. */
    void ended(N32fContext context) {
        etcd.deleteAsync(key(context)).exceptionally(e -> {
            log.warn("cluster: withdrawing the TLS-mode agreement with {} from etcd failed ({}); the other instances "
                    + "honour it until {}", context.peer().name(), e.toString(), context.expiresAt());
            return null;
        });
    }

    @Override
    public Optional<N32fContext> live(PeerSepp peer, Instant now) {
        return view.tlsAgreements(peer.name()).stream()
                .filter(r -> SecurityCapability.TLS.toString().equals(r.mechanism()))
                .map(r -> asContext(peer, r))
                .flatMap(Optional::stream)
                .filter(c -> !c.isExpired(now))
                .max(Comparator.comparing(N32fContext::createdAt));
    }

    @Override
    public void endAll(String peerName) {
        if (view.tlsAgreements(peerName).isEmpty()) {
            return;
        }
        log.info("cluster: the N32 agreement with {} ended: withdrawing its TLS-mode agreements at every instance",
                peerName);
        etcd.deletePrefixAsync(keys.tlsAgreements(peerName)).exceptionally(e -> {
            log.warn("cluster: withdrawing the TLS-mode agreements with {} from etcd failed ({}); the other "
                    + "instances honour them until they expire", peerName, e.toString());
            return null;
        });
    }

    /**
     * Ends this instance's own copy of an agreement that left etcd by another's hand (see the class comment). A
     * copy that already ended here is not live any more: nothing happens.
     */
    void gone(TlsAgreementRecord record, N32fContextRegistry contexts) {
        if (!record.owner().equals(instance)) {
            return;
        }
        for (N32fContext c : contexts.forPeer(record.partner())) {
            if (c.capability() == SecurityCapability.TLS && c.createdAt().toString().equals(record.createdAt())
                    && c.role().name().equals(record.role()) && contexts.isLive(c)) {
                log.info("cluster: the TLS-mode agreement with {} was withdrawn from the cluster; ending it here too",
                        record.partner());
                contexts.end(c, N32fContextState.TERMINATED);
            }
        }
    }

    /**
     * {@code record} as a context value of {@code peer}, this instance's configuration of the partner (a partner it
     * does not serve is refused before this); empty when the record cannot be read.
     */
    private static Optional<N32fContext> asContext(PeerSepp peer, TlsAgreementRecord r) {
        try {
            Instant created = Instant.parse(r.createdAt());
            Set<PlmnId> plmns = r.n32cPlmnIds().stream().map(PlmnId::parse).collect(Collectors.toSet());
            return Optional.of(N32fContext.tls(peer, N32Role.valueOf(r.role()), "cluster:" + r.owner(), created,
                    Instant.parse(r.expiresAt())).withN32cPeerPlmnIds(plmns));
        } catch (RuntimeException e) {
            log.debug("cluster: TLS-mode agreement of {} with {} unreadable: {}", r.owner(), r.partner(), e.toString());
            return Optional.empty();
        }
    }

    /** The key of one of this instance's agreements: its creation time and N32-c connection make it unique here. */
    private String key(N32fContext context) {
        String connection = context.n32cConnectionId().replaceAll("[^A-Za-z0-9-]", "_");
        Instant t = context.createdAt();
        return keys.tlsAgreement(context.peer().name(), instance,
                t.getEpochSecond() + "." + t.getNano() + "-" + connection);
    }

    private static long ceilSeconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** Republishes every live TLS-mode agreement of this instance (after a new lease, or etcd lost its data). */
    void republish(List<N32fContext> live, Instant now) throws EtcdUnavailableException {
        for (N32fContext c : live) {
            if (c.capability() == SecurityCapability.TLS && !c.isExpired(now)) {
                publish(c, now);
            }
        }
    }
}
