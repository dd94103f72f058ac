package org.keygate.sepp.ipx.node;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.keygate.sbi.admin.AdminServer;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiServer;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.plmn.PlmnId;
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

    private final IpxNodeConfig config;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SbiClient client;
    private final NextHops nextHops;
    private final SbiServer server;
    /** The loops the listener and the next-hop client share: a forwarded request stays on its inbound thread. */
    private final SbiEventLoops loops;
    private AdminServer admin;

    private IpxNode(IpxNodeConfig config) {
        this.config = config;
        this.loops = SbiEventLoops.perCore("ipx-" + config.name());
        PlmnTrustAnchors.Builder anchors = PlmnTrustAnchors.builder();
        config.sepps().forEach(s -> s.plmnIds().forEach((PlmnId p) -> anchors.add(p, s.trustAnchor())));
        // The other operators' IPXs this one exchanges with (routes via them) are trusted under their own anchors.
        MutualTls tls = MutualTls.builder().keyMaterial(config.keyMaterial()).trustAnchors(anchors.build())
                .intermediaryAnchors(config.sepps().stream()
                        .flatMap(s -> s.nextHop().flatMap(ServedSepp.NextHop::via).stream())
                        .map(ServedSepp.Intermediary::trustAnchor).distinct().toList())
                .protocols(config.tlsProtocols()).build();
        this.client = SbiClient.builder().tls(tls.sslContext()).connectTimeout(config.nextHopTimeout())
                .requestTimeout(config.nextHopTimeout()).maxResponseBodyBytes(config.maxAnswerBodyBytes())
                .h2(config.h2()).name("ipx-" + config.name()).meterRegistry(meters).eventLoops(loops).build();
        this.nextHops = new NextHops(config.sepps(), client, tls, loops);
        Optional<IpxModifier> modifier = config.modifications().map(m -> new IpxModifier(config.providerId(), m));
        // The served SEPPs are the IPX's known sources.
        this.server = config.listener().limit(SbiServer.builder(), config.sepps().stream()
                        .flatMap(s -> s.nextHop().stream()).map(h -> h.address().getAddress()).toList()).name("ipx-" + config.name())
                .bind(config.listener().address())
                .tls(tls.sslContext(), tls.serverParameters())
                .maxRequestBodyBytes(config.listener().maxRequestBodyBytes())
                .maxConcurrentStreams(config.listener().maxConcurrentStreams())
                .h2(config.h2())
                .eventLoops(loops)
                .handler(new IpxForwardHandler(config.sepps(), nextHops, modifier, meters,
                        config.nextHopTimeout()))
                .meterRegistry(meters)
                .build();
    }

    /** Binds the listeners; throws (closing whatever was opened) if one cannot bind. */
    public static IpxNode start(IpxNodeConfig config) {
        IpxNode node = new IpxNode(config);
        try {
            node.server.start();
            if (config.admin().isPresent()) {
                node.admin = AdminServer.start(config.admin().get().address(), node.meters, () -> true);
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
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
        // As a SEPP does (SeppNode): no new streams (GOAWAY), the accepted ones forwarded and answered first.
        server.beginDrain();
        if (!server.awaitDrained(DRAIN_TIMEOUT)) {
            log.warn("IPX {}: {} request(s) still in progress after {}; closing", config.name(),
                    server.requestsInFlight(), DRAIN_TIMEOUT);
        }
        if (admin != null) {
            admin.close();
        }
        server.close();
        nextHops.close();
        client.close();
        loops.close();
        meters.close();
    }
}
