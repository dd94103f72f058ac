package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sbi.config.ReloadOutcome;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.PemFiles;

/**
 * The partner list across instances (docs/CLUSTER.md): each instance publishes what its partners are in its member
 * record; a reload that makes one instance's partners differ is seen by every instance (the metric
 * {@code keygate_cluster_partner_lists} counts distinct lists), and reloading it back ends the disagreement.
 */
class ClusterPartnerListTest {
    @TempDir
    Path dir;

    @AutoClose
    HomeInstances cluster;

    @Test
    void aReloadThatMakesOneInstancesPartnersDifferIsSeenByAllAndEndsWhenUndone() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        // A 2 s lease: maintenance rounds (which publish and compare) every 666 ms.
        cluster = HomeInstances.onNewEtcd(dir, Duration.ofSeconds(2), Duration.ofSeconds(1));
        SeppConfig home = sepps.home(TestSepps.PRINS_FIRST);
        SeppNode a = cluster.start(home, "a", HomeInstances.answeringOk());
        SeppNode b = cluster.start(home, "b", HomeInstances.answeringOk());
        ClusterRelayTest.await("both see both", () -> a.cluster().orElseThrow().isMember("b")
                && b.cluster().orElseThrow().isMember("a"));
        ClusterRelayTest.await("a sees one list", () -> gauge(a) == 1.0);
        assertThat(gauge(b)).isEqualTo(1.0);

        // b's partner "visited" now has another trust anchor (the home CA, as an operator's slip would): another partner.
        SeppConfig running = b.config();
        PeerSepp p = running.peers().getFirst();
        PeerSepp otherAnchor = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(),
                PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst(), p.initiate(), p.n32fAddress(),
                p.protectionPolicy(), p.intermediary());
        assertThat(b.reload(withPeers(running, List.of(otherAnchor)))).isInstanceOf(ReloadOutcome.Applied.class);
        ClusterRelayTest.await("a sees two lists", () -> gauge(a) == 2.0);
        ClusterRelayTest.await("b sees two lists", () -> gauge(b) == 2.0);

        assertThat(b.reload(running)).isInstanceOf(ReloadOutcome.Applied.class);
        ClusterRelayTest.await("a sees one list again", () -> gauge(a) == 1.0);
        ClusterRelayTest.await("b sees one list again", () -> gauge(b) == 1.0);
    }

    private static double gauge(SeppNode n) {
        var g = n.meters().find("keygate_cluster_partner_lists").gauge();
        return g == null ? -1 : g.value();
    }

    private static SeppConfig withPeers(SeppConfig c, List<PeerSepp> peers) {
        return new SeppConfig(c.name(), c.n32c(), c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), peers, c.n32fListener(), c.homeNfs(), c.sbiListener(), c.edge(), c.h2(),
                c.drainTimeout(), c.revocation(), c.cluster());
    }
}
