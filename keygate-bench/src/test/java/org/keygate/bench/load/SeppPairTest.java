package org.keygate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.ipx.node.IpxNodeConfig;

/** The benchmark's SEPP files load through the operator's configuration path, with what the benchmark relies on. */
class SeppPairTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SeppPair.Mode.class)
    void theFilesLoadAndOfferOnlyTheMechanismMeasured(SeppPair.Mode mode) throws Exception {
        SeppPair.generatePki(dir);
        SeppPair pair = SeppPair.write(dir, mode, SeppPair.loopback(8080));
        SeppConfig home = SeppConfigLoader.load(pair.homeConfig());
        SeppConfig visited = SeppConfigLoader.load(pair.visitedConfig());
        assertThat(home.n32c().fqdn()).isEqualTo("sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(home.homeNfs()).hasSize(1);
        assertThat(visited.sbiListener().orElseThrow().address().getPort()).isEqualTo(pair.visitedSbi().getPort());
        String mechanism = mode == SeppPair.Mode.TLS ? "TLS" : "PRINS";
        assertThat(home.n32c().capabilities()).extracting(Object::toString).containsExactly(mechanism);
        assertThat(visited.n32c().capabilities()).extracting(Object::toString).containsExactly(mechanism);
        boolean viaIpx = mode == SeppPair.Mode.PRINS_IPX;
        assertThat(home.peers().getFirst().intermediary().isPresent()).isEqualTo(viaIpx);
        assertThat(visited.peers().getFirst().intermediary().isPresent()).isEqualTo(viaIpx);
        assertThat(pair.ipxConfig().isPresent()).isEqualTo(viaIpx);
        if (viaIpx) {
            IpxNodeConfig ipx = IpxConfigLoader.load(pair.ipxConfig().orElseThrow());
            assertThat(ipx.providerId()).isEqualTo(SeppPair.IPX_FQDN);
            assertThat(ipx.sepps()).hasSize(2);
            assertThat(ipx.modifications()).isEmpty();
        }
        assertThat(home.edge().rateLimits().limitOf(SeppPair.VISITED).messagesPerSecond())
                .isEqualTo(SeppPair.UNLIMITED);
    }
}
