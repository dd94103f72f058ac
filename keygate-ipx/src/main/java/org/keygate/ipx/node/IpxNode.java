package org.keygate.ipx.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import org.keygate.sbi.admin.AdminServer;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsEngines;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.revocation.CrlRevocation;
import org.keygate.tls.trust.EstablishedTrust;
import org.keygate.tls.trust.PlmnTrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running IPX node, assembled from its frozen {@link IpxNodeConfig}: the N32-f server SEPPs send
 * {@code n32f-process} to (HTTP/2 over mutually authenticated TLS with this IPX's own certificate; clients are the
 * served SEPPs, under PLMN trust), the client towards the next hops (the same certificate and trust), and the admin
 * listener ({@code /healthz}, {@code /metrics}).
 *
 * <p>Lifecycle: {@link #start} binds every listener or fails, leaving nothing open; {@link #close} stops everything.
 * Stopping an IPX drains it: it takes no new stream (GOAWAY) and answers the requests it took, for 20 s at most,
 * then closes; a new node on the same address serves again, and the SEPPs reconnect on their next request.
 */
public final class IpxNode implements AutoCloseable {
    /** How long a stop waits for requests in progress: the SEPPs' default (SeppConfig.DEFAULT_DRAIN_TIMEOUT). */
    private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(20);
    private static final Logger log = LoggerFactory.getLogger(IpxNode.class);

    /** The running configuration; replaced by {@link #reload}. */
    private volatile IpxNodeConfig config;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SbiClient client;
    private final MutualTls tls;
    /** The next hops of the running configuration; a reload makes new ones and closes these after the drain time. */
    private volatile NextHops nextHops;
    /** The forwarding handler of the running configuration, one volatile read per request. */
    private volatile org.keygate.sbi.server.SbiHandler forward;
    private final SbiServer server;
    /** Reloads, one at a time, and the delayed close of replaced next hops. */
    private final java.util.concurrent.ScheduledExecutorService housekeeping =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ipx-housekeeping");
                t.setDaemon(true);
                return t;
            });
    private volatile Optional<java.nio.file.Path> configFile = Optional.empty();
    /** keygate_ipx_config_reloads_total by outcome (applied, refused). */
    public static final String RELOADS = "keygate_ipx_config_reloads_total";
    /** The loops the listener and the next-hop client share: a forwarded request stays on its inbound thread. */
    private final SbiEventLoops loops;
    private AdminServer admin;
    /** The CRLs of the anchors with {@code revocation} configured (docs/IPX.md "Revocation"), kept fresh. */
    private final CrlRevocation revocation;
    /** What the running configuration trusts, asked of established connections and resumed sessions. */
    private volatile EstablishedTrust trust;
    /** Closes the connections of peers no longer trusted (a CRL refresh, a reload). */
    private final UntrustedPeers untrusted;

    private IpxNode(IpxNodeConfig config) {
        this.config = config;
        this.loops = SbiEventLoops.perCore("ipx-" + config.name());
        this.revocation = new CrlRevocation(config.revocation(), meters, Clock.systemUTC());
        this.trust = trust(config, revocation);
        MutualTls tls = tls(config, trust);
        this.tls = tls;
        // The data path's TLS provider (tls.provider, docs/PERFORMANCE.md "TLS provider"): one set of engines for the
        // listener and the next-hop client, over the same key and trust managers as the JDK context.
        TlsEngines engines = tls.engines(config.tlsProvider(), tls.serverParameters());
        log.info("IPX {}: TLS provider {}", config.name(), config.tlsProvider().describe());
        config.tlsProvider().register(meters, "n32f");
        this.client = SbiClient.builder().tls(engines).connectTimeout(config.nextHopTimeout())
                .requestTimeout(config.nextHopTimeout()).maxResponseBodyBytes(config.maxAnswerBodyBytes())
                .h2(config.h2()).name("ipx-" + config.name()).meterRegistry(meters).eventLoops(loops).build();
        this.nextHops = new NextHops(config.sepps(), client, tls, loops);
        this.forward = handler(config, nextHops);
        meters.counter(RELOADS, "outcome", "applied");
        meters.counter(RELOADS, "outcome", "refused");
        // The served SEPPs are the IPX's known sources.
        this.server = config.listener().limit(SbiServer.builder(), config.sepps().stream()
                        .flatMap(s -> s.nextHop().stream()).map(h -> h.address().getAddress()).toList()).name("ipx-" + config.name())
                .bind(config.listener().address())
                .tls(engines)
                .maxRequestBodyBytes(config.listener().maxRequestBodyBytes())
                .maxConcurrentStreams(config.listener().maxConcurrentStreams())
                .h2(config.h2())
                .eventLoops(loops)
                .handler((request, connection) -> forward.handle(request, connection))
                // A TLS 1.3 resumption skips the trust manager: each chain is checked again after its handshake.
                .peerCheck(chain -> trust.untrustedNow(chain))
                .meterRegistry(meters)
                .build();
        this.untrusted = new UntrustedPeers(config.name(), tls, server, () -> nextHops, () -> trust,
                () -> this.config.sepps(), meters);
        // Issue 18: the refresh that learns of a revocation closes the connections of that peer.
        revocation.onRefresh(() -> untrusted.closeUntrusted("a CRL refresh", chain -> false));
    }

    /**
     * PLMN trust in each served SEPP's anchor and PKIX trust in each next IPX's (the other operators' IPXs this one
     * exchanges with, routes via them), both checked against {@code revocation}.
     */
    private static EstablishedTrust trust(IpxNodeConfig config, CrlRevocation revocation) {
        PlmnTrustAnchors.Builder anchors = PlmnTrustAnchors.builder().revocation(revocation);
        config.sepps().forEach(s -> s.plmnIds().forEach((PlmnId p) -> anchors.add(p, s.trustAnchor())));
        return new EstablishedTrust(anchors.build(), config.sepps().stream()
                .flatMap(s -> s.nextHop().flatMap(ServedSepp.NextHop::via).stream())
                .map(ServedSepp.Intermediary::trustAnchor).distinct().toList(), revocation);
    }

    /** This IPX's key and chain under {@code trust}. */
    private static MutualTls tls(IpxNodeConfig config, EstablishedTrust trust) {
        return MutualTls.builder().keyMaterial(config.keyMaterial()).trustAnchors(trust.seppAnchors())
                .intermediaryAnchors(trust.intermediaryAnchors()).intermediaryRevocation(trust.revocation())
                .protocols(config.tlsProtocols()).build();
    }

    private org.keygate.sbi.server.SbiHandler handler(IpxNodeConfig config, NextHops hops) {
        Optional<IpxModifier> modifier = config.modifications().map(m -> new IpxModifier(config.providerId(), m));
        return new IpxForwardHandler(config.sepps(), hops, modifier, meters, config.nextHopTimeout());
    }

    /** Makes {@code file} what {@link #reloadFile} (SIGHUP, {@code POST /reload}) reads. */
    public IpxNode reloadsFrom(java.nio.file.Path file) {
        this.configFile = Optional.of(file);
        return this;
    }

    /**
     * Reads the configuration file again and applies it ({@link #reload}) on the node's housekeeping thread; an invalid
     * file is refused with the member named, a WARN line and {@code keygate_ipx_config_reloads_total{outcome=
     * "refused"}}, the running configuration going on.
     */
    public java.util.concurrent.CompletableFuture<org.keygate.sbi.config.ReloadOutcome> reloadFile() {
        java.nio.file.Path file = configFile.orElse(null);
        if (file == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    refused("this IPX was started without a configuration file: nothing to reload"));
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return reload(org.keygate.ipx.config.IpxConfigLoader.load(file));
            } catch (org.keygate.sbi.config.ConfigException e) {
                return refused(e.getMessage());
            }
        }, housekeeping);
    }

    /**
     * Applies {@code next} as one step (issue 18, docs/IPX.md "Reload"): the served SEPPs (their anchors, next hops
     * and authorities), the modification rules and signing key, and this IPX's own key and chain. A request reads the
     * forwarding handler once, so the ones in flight finish with the configuration they started with; the replaced
     * next-hop connections close after the drain time. A file changing what only a restart can (name, providerId, the
     * listeners, tls.protocols, http2, nextHopTimeout, maxAnswerBodyBytes) is refused whole.
     */
    public synchronized org.keygate.sbi.config.ReloadOutcome reload(IpxNodeConfig next) {
        IpxNodeConfig running = config;
        MutualTls nextTls;
        EstablishedTrust nextTrust;
        try {
            same("name", running.name(), next.name());
            same("providerId", running.providerId(), next.providerId());
            same("n32f", running.listener(), next.listener());
            same("admin", running.admin(), next.admin());
            same("tls.protocols", running.tlsProtocols(), next.tlsProtocols());
            same("tls.provider", running.tlsProvider(), next.tlsProvider());
            same("http2", running.h2(), next.h2());
            same("nextHopTimeout", running.nextHopTimeout(), next.nextHopTimeout());
            same("maxAnswerBodyBytes", running.maxAnswerBodyBytes(), next.maxAnswerBodyBytes());
            nextTrust = trust(next, revocation);
            nextTls = tls(next, nextTrust);
        } catch (RuntimeException e) {
            return refused(e.getMessage());
        }
        // Before the swap, so that a new anchor's CRLs are there for the first handshake under it.
        revocation.reconfigure(next.revocation());
        NextHops replaced = nextHops;
        NextHops hops = new NextHops(next.sepps(), client, tls, loops);
        org.keygate.sbi.server.SbiHandler handler = handler(next, hops);
        tls.adopt(nextTls);
        trust = nextTrust;
        nextHops = hops;
        forward = handler;
        config = next;
        housekeeping.schedule(replaced::close, DRAIN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        meters.counter(RELOADS, "outcome", "applied").increment();
        String summary = next.sepps().size() + " SEPP(s) " + next.sepps().stream().map(ServedSepp::name).toList()
                + ", " + next.modifications().map(m -> m.rules().size() + " modification rule(s)")
                        .orElse("no modifications");
        log.info("IPX {}: configuration reloaded: {}", next.name(), summary);
        // Peers whose chain no longer validates (a changed anchor, a CRL of a new revocation block) go now; a removed
        // SEPP's connections are left to finish what they carry (its requests are refused from now on).
        java.util.Set<PlmnId> kept = next.sepps().stream().flatMap(s -> s.plmnIds().stream())
                .collect(java.util.stream.Collectors.toSet());
        untrusted.closeUntrusted("the reload", chain -> !EstablishedTrust.intermediary(chain)
                && java.util.Collections.disjoint(org.keygate.tls.plmn.PeerIdentity.of(chain.getFirst()).plmnIds(),
                        kept));
        return new org.keygate.sbi.config.ReloadOutcome.Applied(summary);
    }

    private static void same(String field, Object running, Object next) {
        if (!java.util.Objects.equals(running, next)) {
            throw new org.keygate.sbi.config.ConfigException(field, next + " (running: " + running + ")",
                    "unchanged by a reload; restart the IPX to apply it");
        }
    }

    private org.keygate.sbi.config.ReloadOutcome refused(String why) {
        log.warn("IPX {}: configuration reload refused, the running configuration stays: {}", config.name(), why);
        meters.counter(RELOADS, "outcome", "refused").increment();
        return new org.keygate.sbi.config.ReloadOutcome.Refused(why);
    }

    private java.util.concurrent.CompletableFuture<org.keygate.sbi.http.SbiResponse> reloadOverAdmin() {
        return reloadFile().handle((outcome, e) -> e != null
                ? org.keygate.sbi.http.SbiResponse.problem(org.keygate.sbi.http.SbiCause.SYSTEM_FAILURE.problem(
                        "the reload failed: " + e))
                : org.keygate.sbi.http.SbiResponse.json(
                        outcome instanceof org.keygate.sbi.config.ReloadOutcome.Applied ? 200 : 400,
                        org.keygate.sbi.json.SbiJson.write(java.util.Map.of("outcome",
                                outcome instanceof org.keygate.sbi.config.ReloadOutcome.Applied ? "applied"
                                        : "refused", "detail", outcome.message()))));
    }

    /** Binds the listeners; throws (closing whatever was opened) if one cannot bind. */
    public static IpxNode start(IpxNodeConfig config) {
        IpxNode node = new IpxNode(config);
        try {
            node.server.start();
            if (config.admin().isPresent()) {
                node.admin = AdminServer.start(config.admin().get().address(), node.meters, () -> true,
                        java.util.Map.of(), java.util.Map.of("/reload", node::reloadOverAdmin));
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        // Fetched once here, before the first handshake, then refreshed on the housekeeping thread.
        node.revocation.start(node.housekeeping);
        log.info("IPX {} ({}) serving N32-f on {} for {} SEPP(s){}{}", config.name(), config.providerId(),
                node.server.localAddress(), config.sepps().size(),
                config.modifications().map(m -> ", modifying by " + m.rules().size() + " rule(s)").orElse(""),
                node.admin == null ? "" : ", admin on " + node.admin.localAddress());
        return node;
    }

    public IpxNodeConfig config() {
        return config;
    }

    public InetSocketAddress address() {
        return server.localAddress();
    }

    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::localAddress);
    }

    /** This node's metrics, as {@code /metrics} shows them. */
    public io.micrometer.core.instrument.MeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        // As a SEPP does (SeppNode): no new streams (GOAWAY), the accepted ones forwarded and answered first, the
        // outcome logged by the one drain every daemon runs.
        org.keygate.sbi.server.ServerDrain.drain("IPX " + config.name(), java.util.List.of(server), DRAIN_TIMEOUT);
        // After the drain: the listeners and the next hops together, then the event loops they share (issue 18).
        java.util.List<org.keygate.sbi.server.NodeClose.Part> parts = new java.util.ArrayList<>(java.util.List.of(
                new org.keygate.sbi.server.NodeClose.Part("n32f listener", server),
                new org.keygate.sbi.server.NodeClose.Part("next hops", nextHops),
                new org.keygate.sbi.server.NodeClose.Part("client", client)));
        if (admin != null) {
            parts.add(new org.keygate.sbi.server.NodeClose.Part("admin", admin));
        }
        org.keygate.sbi.server.NodeClose.of("IPX " + config.name())
                .step(parts.toArray(org.keygate.sbi.server.NodeClose.Part[]::new))
                .step(new org.keygate.sbi.server.NodeClose.Part("event loops", loops),
                        new org.keygate.sbi.server.NodeClose.Part("metrics", meters::close))
                .close(org.keygate.sbi.server.NodeClose.DEFAULT_BOUND);
    }
}
