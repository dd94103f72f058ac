package org.keygate.sepp.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.jsse.TlsProvider;
import org.keygate.sbi.config.ListenerConfig;

/**
 * One SEPP's validated configuration, frozen: made by {@link SeppConfigLoader} from a YAML file (or directly, in
 * tests), read by {@link org.keygate.sepp.node.SeppNode} to assemble the node. Nothing here is re-checked later.
 *
 * @param name a short name for logs and metrics.
 * @param tlsProtocols JSSE protocol names in preference order (TLSv1.3, TLSv1.2).
 * @param n32fListener the N32-f server ({@code n32f-process}, mutually authenticated TLS); empty: none.
 * @param homeNfs the NFs of this PLMN that requests from peers may reach.
 * @param sbiListener the listener for this PLMN's NFs (h2c): the consumer-side SEPP; empty: none.
 * @param edge routing to partners and the edge rules.
 * @param h2 the HTTP/2 windows every listener and client of the node advertises.
 * @param drainTimeout how long a stop waits for the requests in progress (TS 29.500 has no word on it; 20 s by
 *     default, above an NF's usual answer time and the SEPP's own request timeout).
 * @param cluster this SEPP as one instance of several on etcd (docs/CLUSTER.md); empty: it runs alone. Its
 *     {@code n32f} address, when set, is what {@code n32c} announces for N32-f.
 * @param tlsProvider the TLS engine of N32-f and the SBI ({@code tls.provider}); N32-c is always on the JDK's.
 */
public record SeppConfig(
        String name,
        N32cSettings n32c,
        ListenerConfig n32cListener,
        Optional<ListenerConfig> admin,
        TlsKeyMaterial keyMaterial,
        List<String> tlsProtocols,
        HandshakeRetryPolicy handshakeRetry,
        List<PeerSepp> peers,
        Optional<ListenerConfig> n32fListener,
        List<NfRoute> homeNfs,
        Optional<ListenerConfig> sbiListener,
        EdgeSettings edge,
        H2Settings h2,
        Duration drainTimeout,
        List<org.keygate.tls.revocation.AnchorRevocation> revocation,
        Optional<org.keygate.sepp.cluster.ClusterSettings> cluster,
        TlsProvider tlsProvider) {

    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    /** On the default TLS provider ({@link TlsProvider#resolve}). */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge, H2Settings h2, Duration drainTimeout,
            List<org.keygate.tls.revocation.AnchorRevocation> revocation,
            Optional<org.keygate.sepp.cluster.ClusterSettings> cluster) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, h2, drainTimeout, revocation, cluster, TlsProvider.resolve(Optional.empty()));
    }

    /** A SEPP that runs alone (no cluster). */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge, H2Settings h2, Duration drainTimeout,
            List<org.keygate.tls.revocation.AnchorRevocation> revocation) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, h2, drainTimeout, revocation, Optional.empty());
    }

    /** With the default HTTP/2 windows and drain timeout. */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, H2Settings.DEFAULT, DEFAULT_DRAIN_TIMEOUT, List.of());
    }

    /** With the default drain timeout, without revocation checking. */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge, H2Settings h2) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, h2, DEFAULT_DRAIN_TIMEOUT, List.of());
    }

    /** With the default HTTP/2 windows, without revocation checking. */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge, Duration drainTimeout) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, H2Settings.DEFAULT, drainTimeout, List.of());
    }

    /** Without revocation checking. */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers, Optional<ListenerConfig> n32fListener, List<NfRoute> homeNfs,
            Optional<ListenerConfig> sbiListener, EdgeSettings edge, H2Settings h2, Duration drainTimeout) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, n32fListener, homeNfs,
                sbiListener, edge, h2, drainTimeout, List.of());
    }

    public SeppConfig {
        revocation = List.copyOf(revocation);
        tlsProtocols = List.copyOf(tlsProtocols);
        peers = List.copyOf(peers);
        java.util.Objects.requireNonNull(n32fListener, "n32fListener");
        homeNfs = List.copyOf(homeNfs);
        java.util.Objects.requireNonNull(sbiListener, "sbiListener");
        java.util.Objects.requireNonNull(edge, "edge");
        java.util.Objects.requireNonNull(h2, "h2");
        java.util.Objects.requireNonNull(drainTimeout, "drainTimeout");
        java.util.Objects.requireNonNull(cluster, "cluster");
        java.util.Objects.requireNonNull(tlsProvider, "tlsProvider");
        // An instance's own N32-f address replaces the SEPP's in what N32-c announces (docs/CLUSTER.md).
        var own = cluster.flatMap(c -> c.n32f());
        if (own.isPresent()) {
            n32c = n32c.withAnnouncedN32f(own.get().fqdn(), own.get().port());
        }
    }

    /**
     * The addresses of the partners' N32-c and N32-f servers and of their Roaming Intermediaries: the known sources
     * of the N32 listeners (a partner usually connects from where it listens; others go in {@code knownSources}).
     */
    public List<java.net.InetAddress> partnerAddresses() {
        return peers.stream().flatMap(p -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.concat(java.util.stream.Stream.of(p.n32cAddress()), p.n32fAddress().stream()),
                        p.intermediary().stream().map(i -> i.n32fAddress())))
                .map(java.net.InetSocketAddress::getAddress).distinct().toList();
    }

    /** A SEPP without an N32-f listener. */
    public SeppConfig(String name, N32cSettings n32c, ListenerConfig n32cListener, Optional<ListenerConfig> admin,
            TlsKeyMaterial keyMaterial, List<String> tlsProtocols, HandshakeRetryPolicy handshakeRetry,
            List<PeerSepp> peers) {
        this(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers, Optional.empty(),
                List.of(), Optional.empty(), EdgeSettings.defaults(n32c.plmnIds()));
    }

    /** This configuration with {@code listener} as its N32-f server and {@code nfs} as its home NFs. */
    public SeppConfig withN32f(ListenerConfig listener, List<NfRoute> nfs) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                Optional.of(listener), nfs, sbiListener, edge, h2, drainTimeout, revocation, cluster, tlsProvider);
    }

    /** This configuration with {@code settings} for routing and edge rules. */
    public SeppConfig withEdge(EdgeSettings settings) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                n32fListener, homeNfs, sbiListener, settings, h2, drainTimeout, revocation, cluster, tlsProvider);
    }

    /** This configuration with {@code listener} for its NFs and {@code settings} for routing and edge rules. */
    public SeppConfig withConsumerSide(ListenerConfig listener, EdgeSettings settings) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                n32fListener, homeNfs, Optional.of(listener), settings, h2, drainTimeout, revocation, cluster, tlsProvider);
    }

    /** This configuration with {@code settings} as its HTTP/2 windows. */
    public SeppConfig withH2(H2Settings settings) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                n32fListener, homeNfs, sbiListener, edge, settings, drainTimeout, revocation, cluster, tlsProvider);
    }

    /** This configuration with {@code provider} for N32-f and the SBI (N32-c stays on the JDK's engine). */
    public SeppConfig withTlsProvider(TlsProvider provider) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                n32fListener, homeNfs, sbiListener, edge, h2, drainTimeout, revocation, cluster, provider);
    }

    /** This configuration as instance {@code settings.instance()} of a cluster. */
    public SeppConfig withCluster(org.keygate.sepp.cluster.ClusterSettings settings) {
        return new SeppConfig(name, n32c, n32cListener, admin, keyMaterial, tlsProtocols, handshakeRetry, peers,
                n32fListener, homeNfs, sbiListener, edge, h2, drainTimeout, revocation, Optional.of(settings), tlsProvider);
    }
}
