package org.keygate.sepp.peer;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.sbi.client.PeerIdentityException;

/**
 * Outbound HTTP/2 connections to partners on one plane (N32-c or N32-f), in an {@link SbiConnectionPool}: opened on
 * first use and reopened once closed, concurrent callers sharing the connection being opened. N32-c has one per
 * partner (its handshake's messages share one TLS session, whose exporter keys the context); N32-f one per partner
 * and event loop when the node's loops are shared, so that a forwarded request stays on its inbound thread.
 *
 * <p>The server must prove it is the partner dialled: the TLS layer checked the chain against the partner's PLMN
 * anchor and its FQDN (endpoint identification); here every PLMN ID of its certificate must be the partner's
 * (TS 33.501 13.1.2), which also keeps an N32-f certificate's PLMN IDs within the partner's.
 *
 * <p>A partner reached through a Roaming Intermediary (N32-f only): the connection goes to the intermediary, which
 * must prove it is that one (its FQDN by endpoint identification, its chain against its own CA, no PLMN ID); one
 * connection per partner still, so each partner's traffic keeps its own stream limit.
 *
 * <p>A context's N32-f messages go where the partner announced for it in exchange-capability
 * ({@link AnnouncedN32f}; TS 29.573 6.1.5.2.2/6.1.5.2.3), when that differs from the configured address: a SEPP
 * run as several instances announces each instance's own (docs/CLUSTER.md), so the instance holding the context's
 * keys gets its messages without a relay. The announced FQDN names the partner's host when it is the partner's
 * own FQDN (the configured N32-f host, announced port: DNS-free), else it is resolved by DNS; the server must still
 * prove it is the partner (same checks). An announced address that cannot be reached (or answers with another
 * certificate) falls back to the configured one, where the partner's load balancer can take the message to any
 * instance. Through a Roaming Intermediary announcements are not followed: the intermediary routes.
 */
public final class PeerConnections implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PeerConnections.class);
    private final String plane;
    private final SbiClient client;
    private final MutualTls tls;
    private final PeerDirectory peers;
    private final Function<PeerSepp, InetSocketAddress> address;
    private final Function<PeerSepp, Optional<RoamingIntermediary>> intermediary;
    private final SbiConnectionPool<String> connections;
    /** Connections to announced addresses, apart so that a partner's configured connection is never displaced. */
    private final SbiConnectionPool<AnnouncedRoute> announced;
    private final java.util.Map<String, java.util.LinkedHashSet<AnnouncedRoute>> announcedRoutes =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Announced addresses followed per partner at most; the oldest is let go past it. A partner keeps up to four
     * live contexts with each instance of ours (issue 11 item 6), so a cluster of a few instances needs a handful;
     * the bound keeps a partner announcing a new port at each handshake from piling up connections.
     */
    public static final int MAX_ANNOUNCED_ROUTES_PER_PEER = 16;

    private record AnnouncedRoute(String peer, AnnouncedN32f to) {}

    /**
     * @param plane "N32-c" or "N32-f", for errors.
     * @param address where a partner's server of this plane listens; throws IllegalStateException when unknown.
     */
    public PeerConnections(String plane, SbiClient client, MutualTls tls, PeerDirectory peers,
            Function<PeerSepp, InetSocketAddress> address) {
        this(plane, client, tls, peers, address, p -> Optional.empty(), null);
    }

    /**
     * @param intermediary the Roaming Intermediary a partner is reached through on this plane, if any; {@code tls}
     *     must then trust its CA ({@link MutualTls.Builder#intermediaryAnchors}).
     * @param perLoop the loops {@code client} runs on, for one connection per partner and loop; null for one per partner
     */
    public PeerConnections(String plane, SbiClient client, MutualTls tls, PeerDirectory peers,
            Function<PeerSepp, InetSocketAddress> address,
            Function<PeerSepp, Optional<RoamingIntermediary>> intermediary, SbiEventLoops perLoop) {
        this.intermediary = intermediary;
        this.plane = plane;
        this.client = client;
        this.tls = tls;
        this.peers = peers;
        this.address = address;
        this.connections = new SbiConnectionPool<>(perLoop, name -> open(peers.byName(name).orElseThrow()));
        this.announced = new SbiConnectionPool<>(perLoop, this::openAnnounced);
    }

    /** The open connection to {@code peer}, or a new one. */
    public CompletableFuture<SbiClientConnection> connection(PeerSepp peer) {
        return connections.connection(peer.name());
    }

    /**
     * Sends one request to {@code peer} by {@code send}; once more on a new connection if the peer did not process it
     * (GOAWAY, REFUSED_STREAM: {@link SbiConnectionPool#exchange}).
     */
    public CompletableFuture<SbiResponse> exchange(PeerSepp peer,
            Function<SbiClientConnection, CompletableFuture<SbiResponse>> send) {
        return connections.exchange(peer.name(), send);
    }

    /**
     * As {@link #exchange(PeerSepp, Function)}, to the address the partner announced for the context the request is
     * protected with, when there is one to follow (see the class comment).
     */
    public CompletableFuture<SbiResponse> exchange(PeerSepp peer, Optional<AnnouncedN32f> to,
            Function<SbiClientConnection, CompletableFuture<SbiResponse>> send) {
        if (to.isEmpty() || peer.intermediary().isPresent() || isConfigured(peer, to.get())) {
            return exchange(peer, send);
        }
        AnnouncedRoute route = new AnnouncedRoute(peer.name(), to.get());
        remember(route);
        return announced.exchange(route, send);
    }

    private boolean isConfigured(PeerSepp peer, AnnouncedN32f to) {
        try {
            return to.fqdn().equalsIgnoreCase(peer.fqdn()) && address.apply(peer).getPort() == to.port();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void remember(AnnouncedRoute route) {
        var routes = announcedRoutes.computeIfAbsent(route.peer(), p -> new java.util.LinkedHashSet<>());
        AnnouncedRoute dropped = null;
        synchronized (routes) {
            if (routes.add(route) && routes.size() > MAX_ANNOUNCED_ROUTES_PER_PEER) {
                dropped = routes.removeFirst();
            }
        }
        if (dropped != null) {
            announced.retire(dropped);
        }
    }

    private CompletableFuture<SbiClientConnection> openAnnounced(AnnouncedRoute route) {
        PeerSepp peer = peers.byName(route.peer()).orElse(null);
        if (peer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("peer " + route.peer() + " is gone"));
        }
        InetSocketAddress to = announcedAddress(peer, route.to());
        return client.connect(to, tls.clientParameters(peer.fqdn())).thenApply(c -> checkedPeer(peer, to, c))
                .exceptionallyCompose(e -> {
                    log.info("{} to {}: the announced address {} failed ({}); using the configured one", plane,
                            peer.name(), route.to().authority(), e instanceof java.util.concurrent.CompletionException
                                    && e.getCause() != null ? e.getCause().toString() : e.toString());
                    return open(peer);
                });
    }

    /** The partner's own FQDN means its configured N32-f host (else its N32-c host); another FQDN is looked up. */
    private InetSocketAddress announcedAddress(PeerSepp peer, AnnouncedN32f to) {
        if (!to.fqdn().equalsIgnoreCase(peer.fqdn())) {
            return InetSocketAddress.createUnresolved(to.fqdn(), to.port());
        }
        java.net.InetAddress host;
        try {
            host = address.apply(peer).getAddress();
        } catch (IllegalStateException e) {
            host = peer.n32cAddress().getAddress();
        }
        return new InetSocketAddress(host, to.port());
    }

    private CompletableFuture<SbiClientConnection> open(PeerSepp peer) {
        RoamingIntermediary ipx = intermediary.apply(peer).orElse(null);
        if (ipx != null) {
            return client.connect(ipx.n32fAddress(), tls.clientParameters(ipx.fqdn()))
                    .thenApply(c -> checkedIntermediary(peer, ipx, c));
        }
        InetSocketAddress to;
        try {
            to = address.apply(peer);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.connect(to, tls.clientParameters(peer.fqdn())).thenApply(c -> checkedPeer(peer, to, c));
    }

    /** Closes the connections to {@code peer}; the next {@link #connection} opens a new one. */
    public void close(PeerSepp peer) {
        connections.close(peer.name());
        forgetAnnounced(peer).forEach(announced::close);
    }

    private java.util.List<AnnouncedRoute> forgetAnnounced(PeerSepp peer) {
        var routes = announcedRoutes.remove(peer.name());
        if (routes == null) {
            return java.util.List.of();
        }
        synchronized (routes) {
            return java.util.List.copyOf(routes);
        }
    }

    /**
     * Takes the connections to {@code peer} out of use without cutting its requests in flight (a reload that removed
     * or readdressed it); the future completes once they have closed.
     */
    public CompletableFuture<Void> retire(PeerSepp peer) {
        var all = new java.util.ArrayList<CompletableFuture<Void>>();
        all.add(connections.retire(peer.name()));
        forgetAnnounced(peer).forEach(r -> all.add(announced.retire(r)));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /** Closes at once the connections whose server's certificate chain {@code peerChain} accepts; how many. */
    public int closeIf(java.util.function.Predicate<java.util.List<X509Certificate>> peerChain) {
        java.util.function.Predicate<SbiClientConnection> which =
                c -> !c.peerCertificates().isEmpty() && peerChain.test(c.peerCertificates());
        return connections.closeIf(which) + announced.closeIf(which);
    }

    @Override
    public void close() {
        connections.close();
        announced.close();
    }

    private SbiClientConnection checkedPeer(PeerSepp peer, InetSocketAddress to, SbiClientConnection c) {
        X509Certificate leaf = c.peerCertificates().isEmpty() ? null : c.peerCertificates().getFirst();
        if (leaf == null || !peers.byCertificate(leaf).map(p -> p.name().equals(peer.name())).orElse(false)) {
            c.close();
            throw new PeerIdentityException("the " + plane + " server at " + to
                    + " presented a certificate that does not belong to peer " + peer.name());
        }
        return c;
    }

    private SbiClientConnection checkedIntermediary(PeerSepp peer, RoamingIntermediary ipx, SbiClientConnection c) {
        if (!ipx.presented(c.peerCertificates())) {
            c.close();
            throw new PeerIdentityException("the " + plane + " server at " + ipx.n32fAddress()
                    + " is not the Roaming Intermediary " + ipx.providerId() + " of peer " + peer.name());
        }
        return c;
    }
}
