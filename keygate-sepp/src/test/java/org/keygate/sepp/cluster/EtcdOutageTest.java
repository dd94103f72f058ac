package org.keygate.sepp.cluster;

import org.keygate.sepp.cluster.lab.EtcdProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32f.reformat.ClearRequest;
import org.keygate.sepp.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;

/**
 * etcd out of reach (killed) under a two-instance home SEPP: established contexts keep working, relaying included;
 * a new handshake is refused with 503 NF_CONGESTION naming etcd; when etcd is back, the instances recover by
 * themselves and new handshakes succeed again.
 */
class EtcdOutageTest {
    @TempDir
    Path dir;

    EtcdProcess etcd;
    SeppNode a;
    SeppNode b;
    SeppNode visited;

    @AfterEach
    void stop() throws Exception {
        for (SeppNode n : new SeppNode[] {visited, b, a}) {
            if (n != null) {
                n.close();
            }
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void establishedContextsKeepWorkingNewOnesAreRefusedAndTheClusterRecovers() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        etcd = new EtcdProcess(dir).start();
        SeppConfig home = sepps.home(TestSepps.PRINS_FIRST);
        a = SeppNode.start(instance(home, "a"), Clock.systemUTC(), answer());
        b = SeppNode.start(instance(home, "b"), Clock.systemUTC(), answer());
        SeppConfig v = sepps.visited(TestSepps.PRINS_FIRST);
        PeerSepp p = v.peers().getFirst();
        // Handshakes with a, N32-f to b: every message is relayed.
        PeerSepp split = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), a.n32cAddress(), p.trustAnchor(), false,
                b.n32fAddress(), p.protectionPolicy());
        visited = SeppNode.start(new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(), v.keyMaterial(),
                v.tlsProtocols(), v.handshakeRetry(), List.of(split), v.n32fListener(), v.homeNfs(), v.sbiListener(),
                v.edge()), Clock.systemUTC());
        String id = visited.establish("home").get(30, TimeUnit.SECONDS).remoteContextId().orElseThrow().value();
        ClusterRelayTest.await("b sees a's context", () -> b.cluster().orElseThrow().ownerOf(id).isPresent());
        assertThat(send().status()).isEqualTo(200);

        etcd.stop();
        ClusterRelayTest.await("a notices", () -> !a.cluster().orElseThrow().etcdReachable());
        ClusterRelayTest.await("b notices", () -> !b.cluster().orElseThrow().etcdReachable());

        assertThat(send().status()).as("the established context, relayed from b to a").isEqualTo(200);
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .as("a new handshake").hasMessageContaining("503").hasMessageContaining("NF_CONGESTION")
                .hasMessageContaining("etcd is out of reach");
        assertThat(a.meters().find("keygate_cluster_etcd_up").gauge().value()).isZero();

        etcd.start();
        awaitLong("a recovers", () -> a.cluster().orElseThrow().etcdReachable());
        awaitLong("b recovers", () -> b.cluster().orElseThrow().etcdReachable());
        String fresh = visited.establish("home").get(30, TimeUnit.SECONDS).remoteContextId().orElseThrow().value();
        ClusterRelayTest.await("b sees the new context", () -> b.cluster().orElseThrow().ownerOf(fresh)
                .equals(Optional.of("a")));
        assertThat(b.cluster().orElseThrow().ownerOf(id)).as("the old context, written again if its lease lapsed")
                .contains("a");
        assertThat(send().status()).isEqualTo(200);
    }

    /** gRPC reconnects with backoff (1 s, x1.6): etcd back is seen within a few seconds; 30 s bound. */
    private static void awaitLong(String what, java.util.function.BooleanSupplier condition) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + what);
    }

    private ClearResponse send() throws Exception {
        ObjectNode body = SbiJson.mapper().createObjectNode()
                .put("servingNetworkName", "5G:mnc099.mcc999.3gppnetwork.org");
        return visited.forwarder().forward(visited.config().peers().getFirst(), new ClearRequest("POST", "http",
                "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"), Map.entry("3gpp-sbi-originating-network-id",
                        "999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn())), body)).get(30, TimeUnit.SECONDS);
    }

    private SeppConfig instance(SeppConfig home, String name) {
        return new SeppConfig(home.name(), home.n32c(), TestSepps.listener(0), home.admin(), home.keyMaterial(),
                home.tlsProtocols(), home.handshakeRetry(), home.peers(), Optional.of(TestSepps.listener(0)),
                home.homeNfs(), home.sbiListener(), home.edge()).withCluster(new ClusterSettings(
                List.of(etcd.endpoint()), name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(3), Duration.ofSeconds(1)));
    }

    private static org.keygate.sepp.n32f.forward.N32fInbound answer() {
        return (context, request, messageId) -> CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), SbiJson.mapper().createObjectNode()));
    }
}
