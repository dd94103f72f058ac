package org.keygate.sepp.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.cluster.lab.EtcdProcess;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;

/**
 * The home SEPP as several instances in this test's JVM on one real etcd (started here). Each instance listens on
 * port 0 (what a started node reports is used: no free-port race with etcd's own connections) and is a cluster
 * member with its own name. {@link #close} (a test's {@code @AutoClose} field) closes the visited SEPP, then the
 * instances, the last started first, then etcd.
 */
final class HomeInstances implements AutoCloseable {
    final EtcdProcess etcd;
    private final Duration leaseTtl;
    private final Duration etcdTimeout;
    private final List<SeppNode> started = new ArrayList<>();
    private SeppNode visited;

    private HomeInstances(EtcdProcess etcd, Duration leaseTtl, Duration etcdTimeout) {
        this.etcd = etcd;
        this.leaseTtl = leaseTtl;
        this.etcdTimeout = etcdTimeout;
    }

    static HomeInstances onNewEtcd(Path dir, Duration leaseTtl, Duration etcdTimeout) throws Exception {
        return new HomeInstances(new EtcdProcess(dir).start(), leaseTtl, etcdTimeout);
    }

    /** Starts {@code home} as instance {@code name}; what it decrypts goes to {@code nf}. */
    SeppNode start(SeppConfig home, String name, N32fInbound nf) throws Exception {
        return start(home, name, nf, 0, Optional.empty());
    }

    /**
     * As {@link #start(SeppConfig, String, N32fInbound)}, with its N32-f listener on {@code n32fPort}, announced to
     * partners as this instance's own N32-f address (cluster.n32f): the SEPP's FQDN at that port.
     */
    SeppNode startAnnouncing(SeppConfig home, String name, N32fInbound nf, int n32fPort) throws Exception {
        return start(home, name, nf, n32fPort,
                Optional.of(new org.keygate.sepp.peer.AnnouncedN32f(home.n32c().fqdn(), n32fPort)));
    }

    private SeppNode start(SeppConfig home, String name, N32fInbound nf, int n32fPort,
            Optional<org.keygate.sepp.peer.AnnouncedN32f> announced) throws Exception {
        SeppNode node = SeppNode.start(new SeppConfig(home.name(), home.n32c(), TestSepps.listener(0), home.admin(),
                home.keyMaterial(), home.tlsProtocols(), home.handshakeRetry(), home.peers(),
                Optional.of(TestSepps.listener(n32fPort)), home.homeNfs(), home.sbiListener(), home.edge())
                .withCluster(new ClusterSettings(List.of(etcd.endpoint()), name,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), leaseTtl, etcdTimeout,
                        announced)),
                Clock.systemUTC(), nf);
        started.add(node);
        return node;
    }

    /** Starts the visited SEPP, the partner of the instances; closed first. */
    SeppNode visited(SeppConfig v) throws Exception {
        visited = SeppNode.start(v, Clock.systemUTC());
        return visited;
    }

    /** The visited SEPP {@code v}, handshaking with one instance (N32-c) and sending N32-f to another. */
    static SeppConfig visitedSplit(SeppConfig v, SeppNode n32cTo, SeppNode n32fTo) {
        PeerSepp p = v.peers().getFirst();
        PeerSepp split = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), n32cTo.n32cAddress(), p.trustAnchor(),
                p.initiate(), n32fTo.n32fAddress(), p.protectionPolicy());
        return new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(), v.keyMaterial(), v.tlsProtocols(),
                v.handshakeRetry(), List.of(split), v.n32fListener(), v.homeNfs(), v.sbiListener(), v.edge());
    }

    /** An NF's answer: 200 with {@code body} as JSON. */
    static CompletableFuture<ClearResponse> ok(com.fasterxml.jackson.databind.node.ObjectNode body) {
        return CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), body));
    }

    /** An NF that answers every message 200 with an empty JSON object. */
    static N32fInbound answeringOk() {
        return (context, request, messageId) -> ok(SbiJson.mapper().createObjectNode());
    }

    @Override
    public void close() throws Exception {
        if (visited != null) {
            visited.close();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        etcd.close();
    }
}
