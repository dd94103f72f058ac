package org.keygate.sepp.cluster;

import io.etcd.jetcd.Watch;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.n32c.server.N32cServerHandler;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This SEPP as one instance of a cluster on etcd (docs/CLUSTER.md): the starting point of the package.
 *
 * <ul>
 *   <li>Membership: {@code members/<instance>} on this instance's lease, renewed every third of its TTL; an
 *       instance that stops renewing drops out within the TTL, with all its directory entries.
 *   <li>The context directory ({@link ContextDirectory}): each N32-f context this instance negotiates is written when
 *       made and removed when it ends; never its keys.
 *   <li>TLS-mode agreements ({@link TlsAgreements}): published on leases of their own until their expiry, so every
 *       instance accepts a partner's TLS-mode N32-f under an agreement any instance made (no key is involved).
 *   <li>Relaying ({@link InstanceRelay}, {@link RelayHandler}): an n32f-process message for a context another live
 *       instance owns goes to it over the internal listener; only the owner decrypts and encrypts on its contexts, so
 *       no two instances ever share a SEQ counter and no nonce can repeat.
 *   <li>Rate limits ({@link RateShares}): each partner's limit split over the instances by demand, so the cluster
 *       admits what one SEPP would.
 *   <li>etcd out of reach: the last known view keeps relaying, new contexts are refused ({@link EtcdHealth}); when
 *       etcd answers again, the lease is renewed or, if it expired, replaced and everything re-registered.
 * </ul>
 *
 * <p>Lifecycle: {@link #start} binds the internal listener and joins (a first etcd failure is logged, not fatal: the
 * instance keeps trying); {@link #close} leaves gracefully (lease revoked); {@link #abandon} stops without telling
 * etcd, as a crash does.
 */
public final class SeppCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SeppCluster.class);
    private final ClusterSettings settings;
    private final N32fContextRegistry contexts;
    private final EtcdSession etcd;
    private final ClusterKeys keys;
    private final ClusterView view;
    private final EtcdHealth health = new EtcdHealth();
    private final ContextDirectory directory;
    private final TlsAgreements tlsAgreements;
    private final SbiClient client;
    private final InstanceRelay relay;
    private final SbiServer internal;
    private final RateShares shares;
    private final ScheduledExecutorService maintenance;
    private volatile boolean registered;
    private final PeerDirectory peers;
    private final PartnerAgreement partners = new PartnerAgreement();
    private volatile PartnerList published;
    private volatile boolean watchBroken;
    private Watch.Watcher watcher;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private SeppCluster(ClusterSettings settings, SeppConfig config, N32fContextRegistry contexts,
            N32fProcessHandler process, N32cServerHandler n32c, PeerDirectory peers, SbiEventLoops loops,
            MeterRegistry meters, org.keygate.sepp.edge.PeerRateLimiter rates) {
        this.settings = settings;
        this.peers = peers;
        this.contexts = contexts;
        this.keys = ClusterKeys.of(config.n32c().fqdn());
        this.view = new ClusterView(keys);
        this.etcd = new EtcdSession(settings);
        this.tlsAgreements = new TlsAgreements(etcd, keys, view, settings.instance());
        this.directory = new ContextDirectory(etcd, keys, view, health, settings.instance(), tlsAgreements,
                contexts.clock());
        InternalTls tls = new InternalTls(config.keyMaterial());
        this.client = SbiClient.builder().tls(tls.context()).connectTimeout(settings.etcdTimeout())
                .requestTimeout(config.handshakeRetry().attemptTimeout())
                .maxResponseBodyBytes(4 << 20).h2(config.h2()).name("cluster-" + settings.instance())
                .meterRegistry(meters).eventLoops(loops).build();
        this.relay = new InstanceRelay(settings.instance(), view, etcd::getAsync, client, tls, loops, meters);
        this.internal = SbiServer.builder().name("cluster-" + settings.instance()).bind(settings.internal())
                .tls(tls.context(), tls.server()).http2Only()
                .maxRequestBodyBytes(Math.max(config.n32cListener().maxRequestBodyBytes(),
                        config.n32fListener().map(l -> l.maxRequestBodyBytes()).orElse(0)))
                .h2(config.h2()).eventLoops(loops).handler(new RelayHandler(config.keyMaterial().leaf(), process, n32c))
                .meterRegistry(meters).build();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-" + settings.instance());
            t.setDaemon(true);
            return t;
        });
        meters.gauge("keygate_cluster_members", view, ClusterView::memberCount);
        meters.gauge("keygate_cluster_directory_contexts", view, ClusterView::contextCount);
        meters.gauge("keygate_cluster_etcd_up", health, h -> h.ok() ? 1 : 0);
        meters.gauge("keygate_cluster_partner_lists", partners, PartnerAgreement::distinct);
        contexts.admitWith(directory);
        contexts.onContextEnd(directory::ended);
        contexts.shareTlsAgreementsWith(tlsAgreements);
        view.onAgreementGone(r -> tlsAgreements.gone(r, contexts));
        meters.gauge("keygate_cluster_tls_agreements", view, ClusterView::tlsAgreementCount);
        process.relayUnknownContexts(relay);
        n32c.relayUnknownContexts(relay);
        this.shares = new RateShares(rates, etcd, keys, view, health, settings.instance());
        rates.shareWith(shares);
    }

    /** Joins the cluster: binds the internal listener, then registers in etcd (and keeps doing so). */
    public static SeppCluster start(ClusterSettings settings, SeppConfig config, N32fContextRegistry contexts,
            N32fProcessHandler process, N32cServerHandler n32c, PeerDirectory peers, SbiEventLoops loops,
            MeterRegistry meters, org.keygate.sepp.edge.PeerRateLimiter rates) {
        SeppCluster c = new SeppCluster(settings, config, contexts, process, n32c, peers, loops, meters, rates);
        try {
            c.internal.start();
        } catch (RuntimeException e) {
            c.abandon();
            throw e;
        }
        c.maintain();
        long period = Math.max(1, settings.leaseTtl().toMillis() / 3);
        c.maintenance.scheduleWithFixedDelay(c::maintain, period, period, TimeUnit.MILLISECONDS);
        c.maintenance.scheduleAtFixedRate(c.shares::publish, RateShares.PERIOD_MILLIS, RateShares.PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return c;
    }

    public String instance() {
        return settings.instance();
    }

    /** Where the other instances relay to this one. */
    public InetSocketAddress internalAddress() {
        return internal.localAddress();
    }

    /** Whether this instance's last etcd operation worked (new contexts are refused while it did not). */
    public boolean etcdReachable() {
        return health.ok();
    }

    /** The instance the directory names as owner of context {@code id}, as this instance sees it. */
    public java.util.Optional<String> ownerOf(String contextId) {
        return view.context(contextId).map(ContextRecord::owner);
    }

    /** The instances whose TLS-mode agreements with {@code partner} this instance sees in etcd (docs/CLUSTER.md). */
    public java.util.List<String> tlsAgreementOwners(String partner) {
        return view.tlsAgreements(partner).stream().map(TlsAgreementRecord::owner).sorted().toList();
    }

    /** Distinct partner lists among the live instances at the last check (docs/CLUSTER.md); 1 when they agree. */
    public int partnerLists() {
        return partners.distinct();
    }

    /** Whether {@code instance} is a live member, as this instance sees it. */
    public boolean isMember(String instance) {
        return view.member(instance).isPresent();
    }

    /** One round: renew (or obtain) the lease and registration; re-read the view if the watch broke. */
    void maintain() {
        try {
            if (registered && !etcd.renew()) {
                log.warn("cluster: the lease of instance {} expired (etcd was out of reach for over {}): joining anew",
                        settings.instance(), settings.leaseTtl());
                registered = false;
            }
            if (!registered) {
                join();
            } else if (watchBroken) {
                resync();
            }
            // After a reload (issue 18) the partners may have changed: published within a round.
            if (!PartnerList.of(peers.all()).equals(published)) {
                putMember();
            }
            partners.check(view.partnerLists());
            if (health.succeeded()) {
                log.info("cluster: instance {} is in the cluster ({} members, {} directory entries)",
                        settings.instance(), view.memberCount(), view.contextCount());
            }
        } catch (EtcdUnavailableException e) {
            if (health.failed(e.getMessage())) {
                log.warn("cluster: etcd at {} is out of reach ({}): established N32-f contexts keep working, new "
                        + "handshakes are refused until it answers", settings.etcd(), e.getMessage());
            }
        } catch (RuntimeException e) {
            health.failed(e.toString());
            log.warn("cluster: maintenance failed: {}", e.toString());
        }
    }

    private void join() throws EtcdUnavailableException {
        etcd.regrant();
        putMember();
        directory.republish(contexts.all());
        resync();
        registered = true;
    }

    /** Writes this instance's member record: its internal address and the partners it serves now. */
    private void putMember() throws EtcdUnavailableException {
        InetSocketAddress at = internal.localAddress();
        String hostPort = (at.getAddress() instanceof java.net.Inet6Address ? "[" + at.getAddress().getHostAddress()
                + "]" : at.getAddress().getHostAddress()) + ":" + at.getPort();
        PartnerList list = PartnerList.of(peers.all());
        etcd.put(keys.member(settings.instance()),
                new String(SbiJson.write(new MemberRecord(hostPort, list)), StandardCharsets.UTF_8));
        published = list;
    }

    /** Reads the whole cluster state, then watches from that revision on. */
    private synchronized void resync() throws EtcdUnavailableException {
        if (watcher != null) {
            watcher.close();
        }
        watchBroken = false;
        EtcdSession.Snapshot now = etcd.read(keys.root());
        view.load(now.values());
        watcher = etcd.watch(keys.root(), now.revision(), view::put, view::delete, e -> {
            watchBroken = true;
            log.warn("cluster: the etcd watch failed ({}); re-reading when etcd answers", e.toString());
        });
    }

    /** Leaves gracefully: stops serving relays and revokes the lease, so the others forget this instance at once. */
    @Override
    public void close() {
        stop(true);
    }

    /** Stops without a word to etcd, as a crash does: the lease runs out within its TTL (tests and labs of failure). */
    public void abandon() {
        stop(false);
    }

    private void stop(boolean leave) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.shutdownNow();
        internal.close();
        relay.close();
        client.close();
        if (leave && registered) {
            try {
                etcd.revoke();
            } catch (EtcdUnavailableException e) {
                log.warn("cluster: could not leave etcd ({}); the lease ends within {}", e.getMessage(),
                        settings.leaseTtl());
            }
        }
        closeWatch();
        etcd.close();
    }

    private synchronized void closeWatch() {
        if (watcher != null) {
            watcher.close();
        }
    }
}
