package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.testing.MutableClock;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.sbi.lab.FreePorts;

/** Two real SEPPs on loopback: HTTP/2 over mutually authenticated TLS, keys exported from the real connection. */
class SeppNodeTest {
    private static final List<SecurityCapability> PRINS_FIRST = TestSepps.PRINS_FIRST;
    private static final List<SecurityCapability> TLS_FIRST = TestSepps.TLS_FIRST;

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;

    @BeforeEach
    void pki() throws Exception {
        sepps = new TestSepps(dir);
    }

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    private void start(SeppConfig homeConfig) throws Exception {
        home = SeppNode.start(homeConfig, Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(PRINS_FIRST), Clock.systemUTC());
    }

    @Test
    void theConfiguredHttp2WindowsAreWhatNghttpSeesOnTheNodesListener() throws Exception {
        int port = FreePorts.loopback(1)[0];
        visited = SeppNode.start(TestSepps.withOwnNfListener(sepps.visited(PRINS_FIRST), port, false)
                .withH2(new org.keygate.sbi.h2.H2Settings(2 << 20, 16 << 20)), Clock.systemUTC());
        Process p = new ProcessBuilder("nghttp", "-v", "-n", "http://127.0.0.1:" + port + "/x")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("SETTINGS_INITIAL_WINDOW_SIZE(0x04):2097152")
                .containsPattern("recv WINDOW_UPDATE frame <length=4, flags=0x00, stream_id=0>\\s+"
                        + "\\(window_size_increment=" + ((16 << 20) - 65_535) + "\\)");
    }

    @Test
    void prinsHandshakeDerivesTheSameKeysOnBothSidesFromTheRealTlsExporter() throws Exception {
        start(sepps.home(PRINS_FIRST));
        N32fContext initiator = visited.establish("home").get(30, TimeUnit.SECONDS);
        N32fContext responder = home.contexts().current("visited").orElseThrow();
        assertThat(initiator.capability()).isEqualTo(SecurityCapability.PRINS);
        assertThat(initiator.remoteContextId()).isEqualTo(responder.localContextId());
        assertThat(initiator.sessionKeys().orElseThrow().fingerprints())
                .isEqualTo(responder.sessionKeys().orElseThrow().fingerprints());
    }

    /**
     * Issue 12 item 1: 150 connections that never send a ClientHello, from one host that is not a partner, fill
     * neither the N32-c listener (100 connections in TestSepps) nor the partner's way in.
     */
    @Test
    void silentConnectionsFromOneHostDoNotLockThePartnerOutOfN32c() throws Exception {
        start(sepps.home(PRINS_FIRST));
        List<java.net.Socket> flood = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 150; i++) {
                java.net.Socket s = new java.net.Socket();
                s.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
                s.connect(home.n32cAddress(), 5000);
                flood.add(s);
            }
            N32fContext context = visited.establish("home").get(30, TimeUnit.SECONDS);
            assertThat(context.capability()).isEqualTo(SecurityCapability.PRINS);
        } finally {
            for (java.net.Socket s : flood) {
                s.close();
            }
        }
    }

    @Test
    void tlsHandshakeRecordsTlsOnBothSides() throws Exception {
        start(sepps.home(TLS_FIRST));
        N32fContext initiator = visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(initiator.capability()).isEqualTo(SecurityCapability.TLS);
        assertThat(home.contexts().current("visited").orElseThrow().capability()).isEqualTo(SecurityCapability.TLS);
    }

    @Test
    void reEstablishingGivesFreshContextIdsAndKeys() throws Exception {
        start(sepps.home(PRINS_FIRST));
        N32fContext first = visited.establish("home").get(30, TimeUnit.SECONDS);
        N32fContext second = visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(second.localContextId()).isNotEqualTo(first.localContextId());
        assertThat(second.sessionKeys().orElseThrow().fingerprints())
                .isNotEqualTo(first.sessionKeys().orElseThrow().fingerprints());
        // Both stay live (several contexts per partner, issue 11 item 6); the newer one is the one sent with.
        assertThat(visited.contexts().all()).containsExactly(first, second);
        assertThat(visited.contexts().current("home")).contains(second);
    }

    @Test
    void anExpiredContextIsRenegotiatedWithFreshIdsByTheInitiator() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        home = SeppNode.start(sepps.home(PRINS_FIRST), clock);
        SeppConfig v = sepps.visited(PRINS_FIRST);
        // The sweeper re-negotiates only with peers this SEPP initiates to.
        var initiating = new org.keygate.sepp.peer.PeerSepp("home", TestSepps.HOME_PLMN.seppFqdn(),
                List.of(TestSepps.HOME_PLMN), v.peers().getFirst().n32cAddress(), v.peers().getFirst().trustAnchor(),
                true);
        visited = SeppNode.start(new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(), v.keyMaterial(),
                v.tlsProtocols(), v.handshakeRetry(), List.of(initiating)), clock);
        N32fContext first = awaitContext(visited, null);

        clock.advance(Duration.ofHours(1)); // the test SEPPs' contextLifetime
        visited.sweep();
        N32fContext second = awaitContext(visited, first);
        assertThat(second.localContextId()).isNotEqualTo(first.localContextId());
        assertThat(home.contexts().current("visited").orElseThrow().localContextId())
                .isEqualTo(second.remoteContextId());
    }

    /** Waits (bounded) for the peer "home" to have a current context other than {@code not}. */
    private static N32fContext awaitContext(SeppNode node, N32fContext not) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            var c = node.contexts().current("home");
            if (c.isPresent() && !c.get().equals(not) && c.get().state() == N32fContextState.ESTABLISHED) {
                return c.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new N32-f context within 30 s");
    }

    @Test
    void terminateEndsTheContextOnBothSides() throws Exception {
        start(sepps.home(PRINS_FIRST));
        visited.establish("home").get(30, TimeUnit.SECONDS);
        visited.terminate("home").get(30, TimeUnit.SECONDS);
        assertThat(visited.contexts().all()).isEmpty();
        assertThat(home.contexts().all()).isEmpty();
    }

    @Test
    void policyMismatchIsReportedOverTheResponderSecondConnection() throws Exception {
        start(sepps.config("home", TestSepps.HOME_PLMN, sepps.homePort, PRINS_FIRST, PolicyMismatchAction.ERROR,
                Set.of("SMS_CONTENT"), sepps.peer("visited", TestSepps.VISITED_PLMN, sepps.visitedPort)));
        CountDownLatch failedAtVisited = new CountDownLatch(1);
        visited.contexts().onContextEnd(c -> {
            if (c.state() == N32fContextState.FAILED) {
                failedAtVisited.countDown();
            }
        });
        // The handshake itself may finish or fail, depending on whether the report overtakes the last answer.
        visited.establish("home").handle((c, e) -> c).get(30, TimeUnit.SECONDS);
        // The home SEPP opened its own N32-c connection to the visited one and sent n32f-error POLICY_MISMATCH.
        assertThat(failedAtVisited.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(visited.contexts().all()).isEmpty();
        assertThat(home.contexts().all()).isEmpty();
    }

    @Test
    void aPeerThatIsDownIsTriedAgainAsConfiguredThenGivenUp() throws Exception {
        SeppConfig base = sepps.visited(PRINS_FIRST);
        SeppConfig twoRetries = new SeppConfig(base.name(), base.n32c(), base.n32cListener(), base.admin(),
                base.keyMaterial(), base.tlsProtocols(),
                new HandshakeRetryPolicy(Duration.ofSeconds(5), 2, Duration.ofMillis(10)), base.peers());
        visited = SeppNode.start(twoRetries, Clock.systemUTC());
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("cannot connect");
        assertThat(visited.contexts().all()).isEmpty();
        assertThat(visited.meters().counter("keygate_n32c_handshakes_total", "peer", "home", "outcome", "failed")
                .count()).isEqualTo(3.0);
    }
}
