package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.cluster.ClusterSettings;
import org.keygate.sepp.peer.AnnouncedN32f;

/** {@code cluster}: absent means no cluster; read, defaulted, and bad members refused with their path. */
class ClusterConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        new TestSepps(dir);
    }

    private SeppConfig load(String cluster) throws Exception {
        Path f = dir.resolve("sepp.yaml");
        Files.writeString(f, SeppConfigLoaderTest.VALID + cluster);
        return SeppConfigLoader.load(f);
    }

    @Test
    void absentMeansTheSeppRunsAlone() throws Exception {
        assertThat(load("").cluster()).isEmpty();
    }

    @Test
    void readsEndpointsInstanceAndInternalAddressWithDefaults() throws Exception {
        SeppConfig c = load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379", "http://10.0.0.2:2379"]
                  instance: sepp-a
                  internal: 127.0.0.1:7600
                """);
        assertThat(c.cluster()).contains(new ClusterSettings(
                List.of(URI.create("http://127.0.0.1:2379"), URI.create("http://10.0.0.2:2379")), "sepp-a",
                new InetSocketAddress("127.0.0.1", 7600), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertThat(load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: b
                  internal: 127.0.0.1:0
                  leaseTtl: 10s
                  etcdTimeout: 500ms
                """).cluster().orElseThrow()).satisfies(s -> {
                    assertThat(s.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(s.etcdTimeout()).isEqualTo(Duration.ofMillis(500));
                });
    }

    @Test
    void badMembersAreNamed() {
        assertThatThrownBy(() -> load("""
                cluster:
                  instance: a
                  internal: 127.0.0.1:7600
                """)).hasMessageContaining("cluster.etcd: missing");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: []
                  instance: a
                  internal: 127.0.0.1:7600
                """)).hasMessageContaining("cluster.etcd").hasMessageContaining("at least one");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["127.0.0.1:2379"]
                  instance: a
                  internal: 127.0.0.1:7600
                """)).hasMessageContaining("cluster.etcd[0]: 127.0.0.1:2379").hasMessageContaining("http://");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: Sepp_A
                  internal: 127.0.0.1:7600
                """)).hasMessageContaining("cluster.instance: Sepp_A");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  internal: 127.0.0.1:7600
                """)).hasMessageContaining("cluster.instance: missing");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: a
                  internal: 0.0.0.0:7600
                """)).hasMessageContaining("cluster.internal: 0.0.0.0:7600").hasMessageContaining("not a wildcard");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: a
                  internal: 127.0.0.1:7600
                  leaseTtl: 1s
                """)).hasMessageContaining("cluster.leaseTtl: 1s").hasMessageContaining("whole seconds, 2s...300s");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: a
                  internal: 127.0.0.1:7600
                  leaseTtl: 2500ms
                """)).hasMessageContaining("cluster.leaseTtl: 2500ms");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: a
                  internal: 127.0.0.1:7600
                  leaseTtl: 5s
                  etcdTimeout: 5s
                """)).hasMessageContaining("cluster.etcdTimeout: 5s").hasMessageContaining("below cluster.leaseTtl");
        assertThatThrownBy(() -> load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: a
                  internal: 127.0.0.1:7600
                  lease: 5s
                """)).hasMessageContaining("cluster.lease");
    }

    @Test
    void anInstancesOwnN32fAddressIsWhatN32cAnnounces() throws Exception {
        SeppConfig c = load("""
                cluster:
                  etcd: ["http://127.0.0.1:2379"]
                  instance: sepp-a
                  internal: 127.0.0.1:7600
                  n32f: sepp-a.sepp.5gc.mnc001.mcc001.3gppnetwork.org:9101
                """);
        assertThat(c.cluster().orElseThrow().n32f()).contains(
                new AnnouncedN32f("sepp-a.sepp.5gc.mnc001.mcc001.3gppnetwork.org", 9101));
        // exchange-capability's senderN32fFqdn and senderN32fPort(List) come from these two.
        assertThat(c.n32c().n32fFqdn()).isEqualTo("sepp-a.sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(c.n32c().n32fPort()).isEqualTo(9101);
        assertThat(load("").n32c().n32fPort()).as("without it, the SEPP's own").isNotEqualTo(9101);
    }

    @Test
    void aBadN32fAddressIsNamed() {
        for (String bad : List.of("9101", "sepp.example.org", "sepp.example.org:0", "sepp.example.org:70000",
                "sepp.example.org:x", "bad_name!:9101")) {
            assertThatThrownBy(() -> load("""
                    cluster:
                      etcd: ["http://127.0.0.1:2379"]
                      instance: a
                      internal: 127.0.0.1:7600
                      n32f: "%s"
                    """.formatted(bad))).as(bad).hasMessageContaining("cluster.n32f");
        }
    }
}
