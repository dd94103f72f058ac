package org.keygate.sepp.node;

import org.keygate.sbi.config.ReloadOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.admin.AdminServer;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.n32c.N32cService;
import org.keygate.sepp.n32c.client.N32cInitiator;
import org.keygate.sepp.n32c.client.N32cOutbound;
import org.keygate.sepp.n32c.server.N32cServerHandler;
import org.keygate.sepp.config.EdgeSettings;
import org.keygate.sbi.config.ListenerConfig;
import org.keygate.sepp.consumer.ConsumerHandler;
import org.keygate.sepp.edge.CheckedInbound;
import org.keygate.sepp.edge.InboundTargetCheck;
import org.keygate.sepp.edge.OriginatingNetworkIdCheck;
import org.keygate.sepp.edge.PeerRateLimiter;
import org.keygate.sepp.edge.PlmnIdConsistencyCheck;
import org.keygate.sepp.edge.TopologyHiding;
import org.keygate.sepp.n32f.forward.N32fForwarder;
import org.keygate.sepp.n32f.forward.N32fServerHandler;
import org.keygate.sepp.n32f.forward.N32fWireTap;
import org.keygate.sepp.n32f.forward.TlsModeForwarder;
import org.keygate.sepp.n32f.forward.TlsModeHandler;
import org.keygate.sepp.routing.SbiRouter;
import org.keygate.sepp.routing.TelescopicFqdns;
import org.keygate.sepp.routing.TelescopicMappingHandler;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.keygate.sepp.n32f.forward.PrinsSessions;
import org.keygate.sepp.nf.HomeNfForwarder;
import org.keygate.sepp.nf.NfRoutes;
import org.keygate.sepp.peer.PeerConnections;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.peer.RiSigningTrust;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsEngines;
import org.keygate.tls.jsse.TlsProvider;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.trust.PlmnTrustAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running SEPP, assembled in one place from its frozen {@link SeppConfig}: the N32-c server (HTTP/2 over
 * mutually authenticated TLS), the N32-c client towards each partner, the N32-f context registry with its
 * lifetime sweeper, and the admin listener ({@code /healthz}, {@code /metrics}).
 *
 * <p>Lifecycle: {@link #start} binds every listener or fails (nothing is left half-open); partners marked
 * {@code initiate} are then handshaken in the background, with retries; {@link #close} stops everything and
 * drops all keys.
 */
public final class SeppNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SeppNode.class);
    /** How often expired contexts are looked for; lifetimes are hours, a second is precise enough. */
    private static final long SWEEP_INTERVAL_MILLIS = 1000;
    /** Bound on an N32-f answer or NF answer read by this node: PRINS roughly doubles an SBI message. */
    static final int N32F_MAX_BODY_BYTES = 4 << 20;

    /** The running configuration; replaced by {@link #reload}. */
    private volatile SeppConfig config;
    private final PrometheusMeterRegistry meters;
    private final N32fContextRegistry contexts;
    private final PeerDirectory peers;
    private final SbiClient client;
    private final N32cOutbound outbound;
    private final N32cInitiator initiator;
    private final SbiServer n32cServer;
    /** Empty when the configuration has no N32-f listener. */
    private final Optional<SbiServer> n32fServer;
    private final SbiClient n32fClient;
    private final PeerConnections n32fConnections;
    private final N32fForwarder forwarder;
    private final N32fProcessHandler processHandler;
    /** Empty when the configuration has no listener for this PLMN's NFs. */
    private final Optional<SbiServer> sbiServer;
    /** Set once by {@link #start}, before the node is handed out. */
    private AdminServer admin;
    private final ScheduledExecutorService sweeper;
    private final org.keygate.sepp.context.AgreementRenewal renewal;
    private final org.keygate.sepp.n32c.client.ReverseConnections reverse;
    /** Rel-19 n32KeepaliveTimer: PINGs on the N32-c connection toward each partner that agreed one. */
    private final org.keygate.sepp.n32c.client.N32cKeepalive keepalive;
    /** Closed with the node: set when {@link #start(SeppConfig, Clock)} made the inbound side itself. */
    private AutoCloseable ownedInbound;
    /**
     * The event loops every listener and client of this node runs on: a request from an NF or a partner and the
     * request it is forwarded as are handled by one thread, start to end (docs/PERFORMANCE.md).
     */
    private final SbiEventLoops loops;
    /** The CRLs of the partners' anchors that have {@code revocation} configured (docs/OPERATIONS.md). */
    private final org.keygate.tls.revocation.CrlRevocation revocation;
    /** keygate_tls_certificate_expiry_seconds of the own certificate, the anchors and each partner's leaf. */
    private final org.keygate.tls.expiry.CertificateExpiry expiry;
    /** This SEPP as one instance of a cluster (docs/CLUSTER.md); empty when it runs alone. Set once by start. */
    private Optional<org.keygate.sepp.cluster.SeppCluster> cluster = Optional.empty();
    private final N32cServerHandler n32cHandler;
    /** N32-c's TLS and N32-f's (which also trusts the partners' IPXs): a reload makes new ones and adopts them. */
    private final MutualTls tls;
    private final MutualTls n32fTls;
    /**
     * What the running configuration trusts (partners' and their IPXs' anchors, CRLs), for checking established
     * connections after a CRL refresh or a reload, and resumed sessions.
     */
    private volatile org.keygate.tls.trust.EstablishedTrust trust;
    /** Closes what is no longer trusted (CRL refresh, reload) and retires removed partners. */
    private final PartnerEviction eviction;
    /** What a reload reconfigures in place (issue 18): routing, rates, topology hiding, the inbound edge checks. */
    private final SbiRouter router;
    private final TelescopicFqdns telescopic;
    /** The partners' rate limits, reconfigured by a reload; a cluster splits them over its instances. */
    private final PeerRateLimiter rates;
    private final TopologyHiding topology;
    private final ReloadableInbound checkedInbound;
    /** Where checked requests from partners go: the home NFs, or what the caller of {@link #start} gave. */
    private volatile N32fInbound delivery;
    /** The file {@link #reloadFile} reads; empty: the node was started from a configuration made in code. */
    private volatile Optional<java.nio.file.Path> configFile = Optional.empty();
    /** keygate_sepp_config_reloads_total by outcome (applied, refused). */
    static final String RELOADS = "keygate_sepp_config_reloads_total";

    private SeppNode(SeppConfig config, Clock clock, N32fInbound inbound, SbiEventLoops loops) {
        this.config = config;
        this.loops = loops;
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.contexts = new N32fContextRegistry(clock);
        this.peers = new PeerDirectory(config.peers());
        SecureRandom random = new SecureRandom();
        this.revocation = new org.keygate.tls.revocation.CrlRevocation(config.revocation(), meters, clock);
        this.expiry = new org.keygate.tls.expiry.CertificateExpiry(meters, clock);
        watchAnchors(config);
        PlmnTrustAnchors plmnAnchors = anchors(config, revocation, expiry);
        this.trust = new org.keygate.tls.trust.EstablishedTrust(plmnAnchors, intermediaryAnchors(config), revocation);
        MutualTls tls = n32cTls(config, plmnAnchors);
        this.tls = tls;
        this.client = SbiClient.builder().tls(tls.sslContext())
                .connectTimeout(config.handshakeRetry().attemptTimeout())
                .requestTimeout(config.handshakeRetry().attemptTimeout())
                .maxResponseBodyBytes(config.n32cListener().maxRequestBodyBytes())
                .h2(config.h2()).name("n32c-" + config.name()).meterRegistry(meters)
                .build();
        this.outbound = new N32cOutbound(client, tls, peers);
        // IPX signing keys given as certificates: the IPX's anchor and CRLs, as its TLS certificates (issue 18).
        RiSigningTrust riTrust = new RiSigningTrust(peers, revocation);
        // This SEPP's N32-c offer is read from the running configuration at each use: a reload replaces it (issue 18).
        java.util.function.Supplier<org.keygate.sepp.n32c.N32cSettings> offer = () -> this.config.n32c();
        this.initiator = new N32cInitiator(offer, outbound, contexts, random, config.handshakeRetry(), meters,
                riTrust.atExchange());
        N32cService service = new N32cService(offer, contexts, random, initiator, riTrust.atExchange());
        PrinsSessions sessions = new PrinsSessions(contexts, offer, riTrust.stillTrusted());
        MutualTls n32fTls = n32fTls(config, plmnAnchors, revocation);
        this.n32fTls = n32fTls;
        // N32-f and the own NFs' listener run on the configured TLS provider (tls.provider, docs/PERFORMANCE.md "TLS
        // provider"); N32-c (client above, listener below) stays on the JDK's engine: its exporter gives the master key.
        TlsEngines n32fEngines = n32fTls.engines(config.tlsProvider(), n32fTls.serverParameters());
        log.info("SEPP {}: TLS provider of N32-f and the SBI: {}; N32-c: jdk (the exporter)", config.name(),
                config.tlsProvider().describe());
        config.tlsProvider().register(meters, "n32f");
        TlsProvider.JDK.register(meters, "n32c");
        this.n32fClient = SbiClient.builder().tls(n32fEngines)
                .connectTimeout(config.handshakeRetry().attemptTimeout())
                .requestTimeout(config.handshakeRetry().attemptTimeout())
                .maxResponseBodyBytes(N32F_MAX_BODY_BYTES)
                .h2(config.h2()).name("n32f-" + config.name()).meterRegistry(meters)
                .eventLoops(loops)
                .build();
        this.n32fConnections = new PeerConnections("N32-f", n32fClient, n32fTls, peers, peer -> peer.n32fAddress()
                .orElseThrow(() -> new IllegalStateException("no N32-f address configured for peer " + peer.name())),
                PeerSepp::intermediary, loops);
        this.forwarder = new N32fForwarder(sessions, n32fConnections, meters);
        forwarder.renegotiateWith(initiator::establish); // CONTEXT_NOT_FOUND: renegotiate, send once more
        EdgeSettings edge = config.edge();
        this.topology = new TopologyHiding(edge.topologyHiding());
        this.rates = new PeerRateLimiter(edge.rateLimits());
        this.delivery = inbound;
        this.checkedInbound = new ReloadableInbound(checked(config, inbound));
        N32fInbound checked = checkedInbound;
        this.processHandler = new N32fProcessHandler(sessions, peers, checked, initiator, meters);
        TlsModeHandler tlsMode = new TlsModeHandler(contexts, peers, checked, meters);
        N32fServerHandler n32fHandler = new N32fServerHandler(processHandler, tlsMode);
        this.n32cHandler = new N32cServerHandler(service, peers, meters);
        // n32f-process is served on the N32-c listener too (issue 19), so it trusts what the N32-f one trusts.
        this.n32cServer = server("n32c", config.n32cListener(), new N32cListenerHandler(
                n32cHandler, processHandler,
                config.n32fListener().isEmpty() ? Optional.of(tlsMode) : Optional.empty()))
                .tls(n32fTls.sslContext(), n32fTls.serverParameters()).http2Only().build(); // TS 29.573 5.2
        this.telescopic = new TelescopicFqdns(edge.routing().telescopicDomain(),
                edge.routing().maxTelescopicEntries());
        this.router = new SbiRouter(edge.routing(), peers, telescopic);
        ConsumerHandler consumer = new ConsumerHandler(router,
                new TelescopicMappingHandler(telescopic),
                new OriginatingNetworkIdCheck(config.n32c().plmnIds(), config.n32c().fqdn()),
                config.n32c().plmnIds().getFirst(), topology,
                ConsumerHandler.onDemand(contexts, initiator::establish), forwarder,
                new TlsModeForwarder(n32fConnections, contexts, meters), meters);
        this.sbiServer = config.sbiListener().map(l -> withTransport(server("sbi", l, consumer), l, tls,
                config.tlsProvider()).build());
        config.sbiListener().filter(ListenerConfig::tls).ifPresent(l -> config.tlsProvider().register(meters, "sbi"));
        this.n32fServer = config.n32fListener().map(l -> server("n32f", l, n32fHandler).tls(n32fEngines).build());
        java.util.List<SbiServer> n32Servers = new java.util.ArrayList<>(java.util.List.of(n32cServer));
        n32fServer.ifPresent(n32Servers::add);
        this.eviction = new PartnerEviction(() -> trust, java.util.List.of(tls, n32fTls), n32Servers, outbound,
                n32fConnections, peers, contexts, initiator, meters);
        revocation.onRefresh(() -> eviction.closeUntrusted("a CRL refresh", chain -> false));
        meters.gauge("keygate_n32f_contexts_active", contexts, c -> c.all().size());
        meters.counter(RELOADS, "outcome", "applied");
        meters.counter(RELOADS, "outcome", "refused");
        this.renewal = new org.keygate.sepp.context.AgreementRenewal(contexts);
        this.reverse = new org.keygate.sepp.n32c.client.ReverseConnections(outbound, contexts);
        this.keepalive = new org.keygate.sepp.n32c.client.N32cKeepalive(outbound, contexts, meters);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "n32f-context-sweeper-" + config.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** A listener of this node with its configured limits, metrics and handler; the caller picks the transport. */
    private SbiServer.Builder server(String plane, ListenerConfig l, org.keygate.sbi.server.SbiHandler handler) {
        // Partners (and their IPXs) are known sources on the N32 listeners; the own NFs' listener knows only its list.
        // A resumed TLS session skips the trust manager: on the N32 listeners each chain is checked against the
        // running anchors and CRLs again after its handshake (issue 18).
        return l.limit(SbiServer.builder(), plane.equals("sbi") ? java.util.List.of() : config.partnerAddresses())
                .name(plane + "-" + config.name())
                .bind(l.address())
                .maxRequestBodyBytes(l.maxRequestBodyBytes())
                .maxConcurrentStreams(l.maxConcurrentStreams())
                .h2(config.h2())
                .eventLoops(loops)
                .handler(handler)
                .peerCheck(plane.equals("sbi") ? org.keygate.sbi.server.PeerCheck.NONE
                        : chain -> trust.untrustedNow(chain))
                .meterRegistry(meters);
    }

    /** The own NFs' listener: h2 with this SEPP's certificate (no client certificate asked), or h2c. */
    private static SbiServer.Builder withTransport(SbiServer.Builder b, ListenerConfig l, MutualTls tls,
            TlsProvider provider) {
        if (!l.tls()) {
            return b.cleartext();
        }
        javax.net.ssl.SSLParameters p = tls.serverParameters();
        p.setNeedClientAuth(false);
        return b.tls(tls.engines(provider, p));
    }

    /** The partners' anchors by PLMN (TS 33.501 13.1.2), checked against their CRLs. */
    private static PlmnTrustAnchors anchors(SeppConfig config, org.keygate.tls.revocation.CrlRevocation revocation,
            org.keygate.tls.expiry.CertificateExpiry expiry) {
        PlmnTrustAnchors.Builder anchors = PlmnTrustAnchors.builder().revocation(revocation).expiry(expiry);
        for (PeerSepp p : config.peers()) {
            for (PlmnId plmn : p.plmnIds()) {
                anchors.add(plmn, p.trustAnchor());
            }
        }
        return anchors.build();
    }

    private void watchAnchors(SeppConfig config) {
        expiry.watch("own", config.name(), config.keyMaterial().leaf());
        for (PeerSepp p : config.peers()) {
            expiry.watch("anchor", p.name(), p.trustAnchor());
            p.intermediary().ifPresent(i -> expiry.watch("anchor", i.providerId(), i.trustAnchor()));
        }
    }

    private static MutualTls n32cTls(SeppConfig config, PlmnTrustAnchors anchors) {
        return MutualTls.builder().keyMaterial(config.keyMaterial()).trustAnchors(anchors)
                .protocols(config.tlsProtocols()).build();
    }

    /**
     * N32-f's TLS: N32-c's, plus trust in the CAs of the partners' Roaming Intermediaries when any has one (their
     * certificates carry no PLMN ID; SEPP certificates stay under PLMN trust). A context of its own even without,
     * so that a reload can give it intermediaries without touching N32-c's.
     */
    private static MutualTls n32fTls(SeppConfig config, PlmnTrustAnchors anchors,
            org.keygate.tls.revocation.CrlRevocation revocation) {
        java.util.List<java.security.cert.X509Certificate> ipxCas = intermediaryAnchors(config);
        if (ipxCas.isEmpty()) {
            return n32cTls(config, anchors);
        }
        return MutualTls.builder().keyMaterial(config.keyMaterial()).trustAnchors(anchors).intermediaryAnchors(ipxCas)
                .intermediaryRevocation(revocation).protocols(config.tlsProtocols()).build();
    }

    /** The CAs of the partners' Roaming Intermediaries. */
    private static java.util.List<java.security.cert.X509Certificate> intermediaryAnchors(SeppConfig config) {
        return config.peers().stream().flatMap(p -> p.intermediary().stream()).map(i -> i.trustAnchor()).distinct()
                .toList();
    }

    /** The receiving SEPP's edge checks (TS 33.501 5.9.3.2) as {@code config} sets them, in front of {@code next}. */
    private N32fInbound checked(SeppConfig config, N32fInbound next) {
        EdgeSettings edge = config.edge();
        return new CheckedInbound(next, rates, new PlmnIdConsistencyCheck(edge.plmnIdCheck()), topology,
                new InboundTargetCheck(config.n32c().plmnIds(), edge.inboundApis()), edge.inboundApis().keySet(),
                edge.fillOriginatingNetworkId(), initiator, meters);
    }

    /**
     * Starts a SEPP whose requests from peers go to the NFs of {@link SeppConfig#homeNfs()}; see
     * {@link #start(SeppConfig, Clock, N32fInbound)}.
     */
    public static SeppNode start(SeppConfig config, Clock clock) {
        SbiEventLoops loops = SbiEventLoops.perCore("sepp-" + config.name());
        HomeNfForwarder nfs = new HomeNfForwarder(new NfRoutes(config.homeNfs()),
                config.handshakeRetry().attemptTimeout(), N32F_MAX_BODY_BYTES, config.h2(), loops,
                config.tlsProvider());
        try {
            SeppNode node = start(new SeppNode(config, clock, nfs, loops));
            node.ownedInbound = nfs;
            return node;
        } catch (RuntimeException e) {
            nfs.close();
            loops.close();
            throw e;
        }
    }

    /**
     * Binds the listeners and starts the background work; throws if any listener cannot bind. Requests that peers
     * send over N32-f go to {@code inbound}.
     */
    public static SeppNode start(SeppConfig config, Clock clock, N32fInbound inbound) {
        return start(new SeppNode(config, clock, inbound, SbiEventLoops.perCore("sepp-" + config.name())));
    }

    private static SeppNode start(SeppNode started) {
        SeppConfig config = started.config;
        try {
            // Joined before any listener takes a handshake: each new context goes to the directory (docs/CLUSTER.md).
            started.cluster = config.cluster().map(c -> org.keygate.sepp.cluster.SeppCluster.start(c, config,
                    started.contexts, started.processHandler, started.n32cHandler, started.peers, started.loops,
                    started.meters, started.rates));
            started.n32cServer.start();
            started.n32fServer.ifPresent(SbiServer::start);
            started.sbiServer.ifPresent(SbiServer::start);
            if (config.admin().isPresent()) {
                started.admin = AdminServer.start(config.admin().get().address(), started.meters, () -> true,
                        java.util.Map.of("/status", new org.keygate.sepp.status.SeppStatusView(
                                () -> started.config, started.contexts, started.meters,
                                started.initiator::lastFailure)),
                        java.util.Map.of("/reload", started::reloadOverAdmin));
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        started.sweeper.scheduleWithFixedDelay(started::sweep, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
        // Fetched once here, before the first handshake, then refreshed on the sweeper's thread.
        started.revocation.start(started.sweeper);
        started.expiry.start(started.sweeper);
        log.info("SEPP {} ({}) serving N32-c on {}{}{}", config.name(), config.n32c().fqdn(),
                started.n32cServer.localAddress(),
                started.n32fServer.map(s -> ", N32-f on " + s.localAddress() + " (n32f-process on both)")
                        .orElse(" (N32-f too)")
                        + started.sbiServer.map(s -> ", SBI (own NFs) on " + s.localAddress()).orElse(""),
                started.admin == null ? "" : ", admin on " + started.admin.localAddress());
        config.peers().stream().filter(PeerSepp::initiate).forEach(p -> started.establish(p.name()));
        return started;
    }

    /** Runs the N32-c handshake with the named partner (this SEPP initiates). */
    public CompletableFuture<N32fContext> establish(String peerName) {
        PeerSepp peer = peers.byName(peerName).orElseThrow(
                () -> new IllegalArgumentException("no peer named " + peerName));
        return initiator.establish(peer);
    }

    /** Ends every live context with the named partner on both sides (n32f-terminate for each). */
    public CompletableFuture<Void> terminate(String peerName) {
        java.util.List<N32fContext> live = contexts.forPeer(peerName);
        if (live.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no N32-f context with " + peerName));
        }
        return CompletableFuture.allOf(live.stream().map(initiator::terminate).toArray(CompletableFuture[]::new));
    }

    public N32fContextRegistry contexts() {
        return contexts;
    }

    /** This SEPP's place in its cluster; empty when it runs alone. */
    public Optional<org.keygate.sepp.cluster.SeppCluster> cluster() {
        return cluster;
    }

    public SeppConfig config() {
        return config;
    }

    /** This node's metrics, as the admin listener's {@code /metrics} shows them. */
    public io.micrometer.core.instrument.MeterRegistry meters() {
        return meters;
    }

    /** Shows the PRINS messages this node sends, gets back and receives to {@code tap} (labs, diagnostics). */
    public void tapN32f(N32fWireTap tap) {
        forwarder.tap(tap);
        processHandler.tap(tap);
    }

    /** Sends clear requests to peers over N32-f with PRINS. */
    public N32fForwarder forwarder() {
        return forwarder;
    }

    /** Where this PLMN's NFs send roaming requests (h2c). */
    public Optional<InetSocketAddress> sbiAddress() {
        return sbiServer.map(SbiServer::localAddress);
    }

    public Optional<InetSocketAddress> n32fAddress() {
        return n32fServer.map(SbiServer::localAddress);
    }

    public InetSocketAddress n32cAddress() {
        return n32cServer.localAddress();
    }

    public Optional<InetSocketAddress> adminAddress() {
        return Optional.ofNullable(admin).map(AdminServer::localAddress);
    }

    /**
     * Makes {@code file} the configuration that {@link #reloadFile}, SIGHUP (in {@code keygate sepp}) and the admin
     * listener's {@code POST /reload} read.
     */
    public SeppNode reloadsFrom(java.nio.file.Path file) {
        this.configFile = Optional.of(file);
        return this;
    }

    /**
     * Reads the configuration file again and applies it ({@link #reload}), on the node's sweeper thread, so that two
     * reloads (or a reload and a sweep) never run at once. An invalid file is refused with the member and its value
     * named, a WARN line and {@code keygate_sepp_config_reloads_total{outcome="refused"}}; the running configuration
     * goes on.
     */
    public CompletableFuture<ReloadOutcome> reloadFile() {
        java.nio.file.Path file = configFile.orElse(null);
        if (file == null) {
            return CompletableFuture.completedFuture(refused(
                    "this SEPP was started without a configuration file: nothing to reload"));
        }
        return CompletableFuture.supplyAsync(() -> {
            SeppConfig next;
            try {
                next = org.keygate.sepp.config.SeppConfigLoader.load(file);
            } catch (org.keygate.sbi.config.ConfigException e) {
                return refused(e.getMessage());
            }
            return reload(next);
        }, sweeper);
    }

    private CompletableFuture<org.keygate.sbi.http.SbiResponse> reloadOverAdmin() {
        return reloadFile().handle((outcome, e) -> {
            if (e != null) {
                return org.keygate.sbi.http.SbiResponse.problem(org.keygate.sbi.http.SbiCause.SYSTEM_FAILURE
                        .problem("the reload failed: " + e));
            }
            byte[] json = org.keygate.sbi.json.SbiJson.write(java.util.Map.of(
                    "outcome", outcome instanceof ReloadOutcome.Applied ? "applied" : "refused",
                    "detail", outcome.message()));
            return org.keygate.sbi.http.SbiResponse.json(outcome instanceof ReloadOutcome.Applied ? 200 : 400,
                    json);
        });
    }

    private ReloadOutcome refused(String why) {
        log.warn("SEPP {}: configuration reload refused, the running configuration stays: {}", config.name(), why);
        meters.counter(RELOADS, "outcome", "refused").increment();
        return new ReloadOutcome.Refused(why);
    }

    /**
     * Applies {@code next}, a validated configuration, as one step (issue 18, docs/OPERATIONS.md "Reload"): everything
     * it needs is built first, then the partner table, routes, rate limits, topology hiding, edge checks, home NFs and
     * TLS (own key and chain, anchors) are swapped; each request reads them once, so the requests in flight finish
     * with what they started with. Then, in the background: removed partners' contexts end with n32f-terminate once
     * their requests in flight are answered; partners whose handshake-exchanged settings changed get a new N32-f
     * context (the old one serves until it is agreed); new partners this SEPP initiates with are handshaken.
     * A file that changes what only a restart can (listeners, this SEPP's own N32-c settings) is refused whole.
     */
    public synchronized ReloadOutcome reload(SeppConfig next) {
        SeppConfig running = config;
        ReloadPlan plan;
        PlmnTrustAnchors anchors;
        MutualTls nextTls;
        MutualTls nextN32fTls;
        HomeNfForwarder nextNfs = null;
        try {
            plan = ReloadPlan.between(running, next);
            anchors = anchors(next, revocation, expiry);
            nextTls = n32cTls(next, anchors);
            nextN32fTls = n32fTls(next, anchors, revocation);
            new SbiRouter(next.edge().routing(), new PeerDirectory(next.peers()), telescopic); // routes name partners
            if (plan.homeNfsChanged() && delivery == ownedInbound) {
                nextNfs = new HomeNfForwarder(new NfRoutes(next.homeNfs()), next.handshakeRetry().attemptTimeout(),
                        N32F_MAX_BODY_BYTES, next.h2(), loops, config.tlsProvider());
            }
        } catch (RuntimeException e) {
            return refused(e.getMessage());
        }
        // Before the swap, so that the new anchors' CRLs are there for the first handshake under them.
        revocation.reconfigure(next.revocation());
        // Removed partners: their N32-c connection is opened now, while the table still has them, for n32f-terminate.
        java.util.Map<String, CompletableFuture<?>> goodbyeLines = new java.util.HashMap<>();
        for (PeerSepp gone : plan.removed()) {
            if (contexts.forPeer(gone.name()).stream().anyMatch(c -> c.remoteContextId().isPresent())) {
                goodbyeLines.put(gone.name(), outbound.connection(gone));
            }
        }
        goodbyeLines.values().forEach(f -> {
            try {
                f.get(next.handshakeRetry().attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // the terminate will report it; the contexts end here either way
            }
        });
        // The swap: from here on, requests see the new configuration.
        peers.replace(next.peers());
        router.reconfigure(next.edge().routing(), next.peers());
        rates.reconfigure(next.edge().rateLimits());
        topology.reconfigure(next.edge().topologyHiding());
        N32fInbound retiredNfs = null;
        if (nextNfs != null) {
            retiredNfs = delivery;
            delivery = nextNfs;
            ownedInbound = nextNfs;
        }
        checkedInbound.swap(checked(next, delivery));
        tls.adopt(nextTls);
        n32fTls.adopt(nextN32fTls);
        this.trust = new org.keygate.tls.trust.EstablishedTrust(anchors, intermediaryAnchors(next), revocation);
        config = next;
        watchAnchors(next);
        for (PeerSepp gone : plan.removed()) {
            expiry.forget("anchor", gone.name());
        }
        meters.counter(RELOADS, "outcome", "applied").increment();
        log.info("SEPP {}: configuration reloaded: {}", next.name(), plan.summary());
        if (retiredNfs instanceof AutoCloseable old) {
            // Its requests in flight have at most the drain timeout, as at a stop.
            sweeper.schedule(() -> closeQuietly(old), next.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        // Removed partners (and their IPXs) are retired below, their requests in flight answered first.
        java.util.Set<PlmnId> leaving = plan.removed().stream().flatMap(p -> p.plmnIds().stream())
                .collect(java.util.stream.Collectors.toSet());
        eviction.closeUntrusted("the reload", chain -> org.keygate.tls.trust.EstablishedTrust.intermediary(chain)
                ? plan.removed().stream().anyMatch(p -> p.intermediary().map(i -> i.presented(chain)).orElse(false))
                : !java.util.Collections.disjoint(org.keygate.tls.plmn.PeerIdentity.of(chain.getFirst()).plmnIds(),
                        leaving));
        plan.removed().forEach(gone -> eviction.retire(gone, next.drainTimeout()));
        plan.redialled().forEach(p -> {
            n32fConnections.retire(p);
            outbound.retire(p);
        });
        for (PeerSepp p : plan.renegotiated()) {
            log.info("N32 agreement with {}: its handshake-exchanged settings changed, negotiating a new context",
                    p.name());
            establishLogged(p.name());
        }
        plan.initiating().forEach(p -> establishLogged(p.name()));
        return new ReloadOutcome.Applied(plan.summary());
    }

    private void establishLogged(String peerName) {
        establish(peerName).exceptionally(e -> {
            log.warn("N32-c handshake with {} after the reload failed: {}", peerName, e.toString());
            return null;
        });
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("closing the replaced NF forwarder failed: {}", e.toString());
        }
    }

    /** Ends expired contexts; where this SEPP is the initiator, negotiates new ones (TS 33.501 13.2.4.4.1). */
    void sweep() {
        try {
            reverse.maintain();
            keepalive.maintain();
            // Either SEPP may initiate (TS 33.501 13.5): a new agreement before the newest one lapses.
            for (PeerSepp due : renewal.due(contexts.clock().instant())) {
                if (peers.byName(due.name()).isEmpty()) {
                    continue; // removed by a reload: its contexts are being terminated
                }
                log.info("N32 agreement with {} lapses soon: negotiating a new one", due.name());
                establish(due.name()).exceptionally(e -> {
                    log.warn("renewing the N32 agreement with {} failed: {}", due.name(), e.toString());
                    return null;
                });
            }
            for (N32fContext ended : contexts.expire()) {
                log.info("N32-f context expired: {}", ended);
                if (ended.peer().initiate() && peers.byName(ended.peer().name()).isPresent()) {
                    establish(ended.peer().name());
                }
            }
        } catch (RuntimeException e) {
            log.warn("N32-f context sweep failed: {}", e.toString());
        }
    }

    /**
     * A stop that loses nothing accepted (issue 18): every listener stops accepting and sends its HTTP/2 clients a
     * GOAWAY, then the requests already taken are answered, through the outbound connections that are still open,
     * for at most {@link SeppConfig#drainTimeout()}; only then does {@link #close} close the outbound side. N32-f
     * contexts are not terminated: after a restart the partners negotiate anew (CONTEXT_NOT_FOUND).
     */
    private void drain() {
        java.util.List<SbiServer> servers = new java.util.ArrayList<>();
        servers.add(n32cServer);
        n32fServer.ifPresent(servers::add);
        sbiServer.ifPresent(servers::add);
        // The outcome is logged (the count in progress at the stop, and whether the timeout cut any): what an
        // operator, and bench-load --stop, match with what the clients saw.
        org.keygate.sbi.server.ServerDrain.drain("SEPP " + config.name(), servers, config.drainTimeout());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        drain();
        // After the drain nothing is in progress: the listeners and the outbound side close together, then the
        // event loops they share (issue 18: the process exits within a second or two after the last answer).
        java.util.List<org.keygate.sbi.server.NodeClose.Part> parts = new java.util.ArrayList<>();
        cluster.ifPresent(c -> parts.add(new org.keygate.sbi.server.NodeClose.Part("cluster", c::close)));
        parts.add(new org.keygate.sbi.server.NodeClose.Part("n32c outbound", outbound));
        if (admin != null) {
            parts.add(new org.keygate.sbi.server.NodeClose.Part("admin", admin));
        }
        parts.add(new org.keygate.sbi.server.NodeClose.Part("n32c listener", n32cServer));
        sbiServer.ifPresent(s -> parts.add(new org.keygate.sbi.server.NodeClose.Part("sbi listener", s)));
        n32fServer.ifPresent(s -> parts.add(new org.keygate.sbi.server.NodeClose.Part("n32f listener", s)));
        parts.add(new org.keygate.sbi.server.NodeClose.Part("n32f connections", n32fConnections));
        parts.add(new org.keygate.sbi.server.NodeClose.Part("n32f client", n32fClient));
        parts.add(new org.keygate.sbi.server.NodeClose.Part("n32c client", client));
        if (ownedInbound != null) {
            parts.add(new org.keygate.sbi.server.NodeClose.Part("home NF clients", ownedInbound));
        }
        org.keygate.sbi.server.NodeClose.of("SEPP " + config.name())
                .step(parts.toArray(org.keygate.sbi.server.NodeClose.Part[]::new))
                .step(new org.keygate.sbi.server.NodeClose.Part("event loops", loops),
                        new org.keygate.sbi.server.NodeClose.Part("metrics", meters::close))
                .close(org.keygate.sbi.server.NodeClose.DEFAULT_BOUND);
    }
}
