package org.keygate.sepp.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.crypto.n32.N32KdfLabel;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.n32c.client.HandshakeFailure;
import org.keygate.sepp.node.SeppNode;

/** The status view of two real SEPPs on loopback: what each says of the other, and that no key is in it. */
class SeppStatusViewTest {
    @TempDir
    Path dir;
    TestSepps sepps;
    SeppNode home;
    SeppNode visited;

    @BeforeEach
    void setUp() throws Exception {
        sepps = new TestSepps(dir);
    }

    @AfterEach
    void tearDown() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    @Test
    void bothSidesShowTheSamePrinsContextFromTheirOwnEndAndNoKey() throws Exception {
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        SeppStatusView homeView = new SeppStatusView(home.config(), home.contexts(), home.meters(), p -> Optional.empty());
        SeppStatusView visitedView = new SeppStatusView(visited.config(), visited.contexts(), visited.meters(),
                p -> Optional.empty());
        assertThat(visitedView.snapshot().partners().getFirst().state()).isEqualTo(SeppStatus.PartnerState.DOWN);

        N32fContext agreed = visited.establish("home").get(30, TimeUnit.SECONDS);

        SeppStatus.Partner atVisited = visitedView.snapshot().partners().getFirst();
        SeppStatus.Partner atHome = homeView.snapshot().partners().getFirst();
        assertThat(atVisited.name()).isEqualTo("home");
        assertThat(atHome.name()).isEqualTo("visited");
        assertThat(atVisited.state()).isEqualTo(SeppStatus.PartnerState.UP);
        assertThat(atHome.state()).isEqualTo(SeppStatus.PartnerState.UP);
        assertThat(atVisited.context().mechanism()).isEqualTo("PRINS");
        assertThat(atVisited.context().role()).isEqualTo("INITIATOR");
        assertThat(atHome.context().role()).isEqualTo("RESPONDER");
        // Each side's own ID is the other's remote one (TS 29.573 5.2.3): the two views cross-check each other.
        assertThat(atVisited.context().localContextId()).matches("[0-9a-f]{16}")
                .isEqualTo(atHome.context().remoteContextId());
        assertThat(atHome.context().localContextId()).matches("[0-9a-f]{16}")
                .isEqualTo(atVisited.context().remoteContextId());
        assertThat(atVisited.context().jweCipherSuite()).isEqualTo("A256GCM");
        assertThat(atVisited.context().jwsCipherSuite()).isEqualTo("ES256");
        // TestSepps: contexts live one hour.
        assertThat(Instant.parse(atVisited.context().expiresAt()))
                .isEqualTo(Instant.parse(atVisited.context().createdAt()).plusSeconds(3600));
        assertThat(atVisited.context().expiresInSeconds()).isBetween(3600L - 60, 3600L);
        assertThat(atVisited.handshakesEstablished()).isEqualTo(1);
        assertThat(atVisited.handshakesFailed()).isZero();
        assertThat(atVisited.lastError()).isNull();

        String json = new String(visitedView.get(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"localContextId\":\"" + atVisited.context().localContextId() + "\"");
        for (N32KdfLabel label : N32KdfLabel.values()) {
            String fingerprint = agreed.sessionKeys().orElseThrow().fingerprints().get(label);
            assertThat(json).doesNotContain(fingerprint.substring(0, 16));
        }
        assertThat(json.toLowerCase()).doesNotContain("key\"", "salt");
    }

    @Test
    void tlsModeHasNoIdsOrSuitesAndAFailedContextIsTheLastError() throws Exception {
        home = SeppNode.start(sepps.home(TestSepps.TLS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.TLS_FIRST), Clock.systemUTC());
        Instant handshakeFailedAt = Instant.parse("2026-01-01T00:00:00Z");
        SeppStatusView view = new SeppStatusView(visited.config(), visited.contexts(), visited.meters(),
                p -> Optional.of(new HandshakeFailure(handshakeFailedAt, 1, "ConnectException: refused")));
        N32fContext agreed = visited.establish("home").get(30, TimeUnit.SECONDS);

        SeppStatus.Partner up = view.snapshot().partners().getFirst();
        assertThat(up.context().mechanism()).isEqualTo("TLS");
        assertThat(up.context().localContextId()).isNull();
        assertThat(up.context().jweCipherSuite()).isNull();
        assertThat(up.lastError().what()).isEqualTo("handshake attempt 1: ConnectException: refused");

        visited.contexts().end(agreed, N32fContextState.FAILED);
        SeppStatus.Partner down = view.snapshot().partners().getFirst();
        assertThat(down.state()).isEqualTo(SeppStatus.PartnerState.DOWN);
        assertThat(down.context()).isNull();
        // The context's failure is newer than the (2026-01-01) handshake failure, so it is the one shown.
        assertThat(down.lastError().what()).isEqualTo("context TLS ended FAILED");
    }
}
