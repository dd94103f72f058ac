package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;

/**
 * etcd out of reach (killed) under a two-instance home SEPP: established contexts keep working, relaying included;
 * a new handshake is refused with 503 NF_CONGESTION naming etcd; when etcd is back, the instances recover by
 * themselves and new handshakes succeed again.
 */
class EtcdOutageTest {
    @TempDir
    Path dir;

    @AutoClose
    HomeInstances cluster;
    SeppNode a;
    SeppNode b;
    SeppNode visited;

    @Test
    void establishedContextsKeepWorkingNewOnesAreRefusedAndTheClusterRecovers() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        cluster = HomeInstances.onNewEtcd(dir, Duration.ofSeconds(3), Duration.ofSeconds(1));
        SeppConfig home = sepps.home(TestSepps.PRINS_FIRST);
        a = cluster.start(home, "a", HomeInstances.answeringOk());
        b = cluster.start(home, "b", HomeInstances.answeringOk());
        // Handshakes with a, N32-f to b: every message is relayed.
        visited = cluster.visited(HomeInstances.visitedSplit(sepps.visited(TestSepps.PRINS_FIRST), a, b));
        String id = visited.establish("home").get(30, TimeUnit.SECONDS).remoteContextId().orElseThrow().value();
        ClusterRelayTest.await("b sees a's context", () -> b.cluster().orElseThrow().ownerOf(id).isPresent());
        assertThat(send().status()).isEqualTo(200);

        cluster.etcd.stop();
        ClusterRelayTest.await("a notices", () -> !a.cluster().orElseThrow().etcdReachable());
        ClusterRelayTest.await("b notices", () -> !b.cluster().orElseThrow().etcdReachable());

        assertThat(send().status()).as("the established context, relayed from b to a").isEqualTo(200);
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .as("a new handshake").hasMessageContaining("503").hasMessageContaining("NF_CONGESTION")
                .hasMessageContaining("etcd is out of reach");
        assertThat(a.meters().find("keygate_cluster_etcd_up").gauge().value()).isZero();

        cluster.etcd.start();
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
}
