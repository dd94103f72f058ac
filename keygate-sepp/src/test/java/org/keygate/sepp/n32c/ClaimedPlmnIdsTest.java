package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 33.501 13.1.2: the PLMN IDs a partner claims in exchange-capability (plmnIdList) must be among those of its
 * N32-c certificate, which the TLS layer ties to the partner's trust anchor. Two SEPPs on loopback; one claims
 * another operator's PLMN (001-02) beside its own.
 */
class ClaimedPlmnIdsTest {
    private static final PlmnId OTHER_OPERATOR = PlmnId.parse("001-02");

    @TempDir
    Path dir;

    SeppNode home;
    SeppNode visited;

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    @Test
    void theResponderRefusesAnInitiatorClaimingAnotherOperatorsPlmn() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(TestSepps.withPlmnIds(sepps.visited(TestSepps.PRINS_FIRST),
                List.of(TestSepps.VISITED_PLMN, OTHER_OPERATOR)), Clock.systemUTC());
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                    .hasMessageContaining("NEGOTIATION_NOT_ALLOWED");
            assertThat(logs.keygateMessages()).anyMatch(m -> m.contains("claims PLMN IDs [001-02]"));
        }
        assertThat(home.contexts().all()).isEmpty();
        assertThat(visited.contexts().all()).isEmpty();
    }

    @Test
    void theInitiatorRefusesAResponderClaimingAnotherOperatorsPlmn() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(TestSepps.withPlmnIds(sepps.home(TestSepps.PRINS_FIRST),
                List.of(TestSepps.HOME_PLMN, OTHER_OPERATOR)), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasMessageContaining("001-02");
        assertThat(visited.contexts().all()).isEmpty();
    }

    @Test
    void claimsWithinTheCertificateAreAccepted() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        assertThat(visited.establish("home").get(30, TimeUnit.SECONDS).peer().name()).isEqualTo("home");
    }
}
