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
 */
public final class PeerConnections implements AutoCloseable {
    private final String plane;
    private final SbiClient client;
    private final MutualTls tls;
    private final PeerDirectory peers;
    private final Function<PeerSepp, InetSocketAddress> address;
    private final Function<PeerSepp, Optional<RoamingIntermediary>> intermediary;
    private final SbiConnectionPool<String> connections;

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
    }

    /**
     * Takes the connections to {@code peer} out of use without cutting its requests in flight (a reload that removed
     * or readdressed it); the future completes once they have closed.
     */
    public CompletableFuture<Void> retire(PeerSepp peer) {
        return connections.retire(peer.name());
    }

    /** Closes at once the connections whose server's certificate chain {@code peerChain} accepts; how many. */
    public int closeIf(java.util.function.Predicate<java.util.List<X509Certificate>> peerChain) {
        return connections.closeIf(c -> !c.peerCertificates().isEmpty() && peerChain.test(c.peerCertificates()));
    }

    @Override
    public void close() {
        connections.close();
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
