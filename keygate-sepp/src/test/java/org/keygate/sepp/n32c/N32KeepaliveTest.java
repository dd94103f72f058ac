package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.node.SeppNode;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.n32.policy.ProtectionPolicyCheck;

/**
 * Issue 11 item 13: the Rel-19 n32KeepaliveTimer is not only announced but kept. Two SEPPs that agreed 1 s each PING
 * their own N32-c connection toward the other every second (both acknowledged); and when the visited SEPP's connection
 * runs through a relay that freezes (the socket stays open, nothing passes), the unanswered PING closes that connection
 * instead of leaving the next N32-c message to wait on it.
 */
class N32KeepaliveTest {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    SeppNode home;
    SeppNode visited;
    FreezingTcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static SeppConfig withKeepalive(SeppConfig c) {
        var n = c.n32c();
        return TestSepps.withN32c(c, new org.keygate.sepp.n32c.N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(),
                n.jweCipherSuites(), n.jwsCipherSuites(), n.protectionPolicy(), n.ipxProviders(),
                n.requiredPeerEncryption(), n.onPolicyMismatch(), n.contextLifetime(), n.n32fFqdn(), n.n32fPort(),
                Optional.of(ONE_SECOND)));
    }

    private static double keepalives(SeppNode node, String peer, String outcome) {
        var c = node.meters().find("keygate_n32c_keepalives_total").tag("peer", peer).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 150 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void bothSeppsPingTheirN32cConnectionEveryAgreedPeriod() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(withKeepalive(sepps.home(TestSepps.PRINS_FIRST)), Clock.systemUTC());
        visited = SeppNode.start(withKeepalive(sepps.visited(TestSepps.PRINS_FIRST)), Clock.systemUTC());
        visited.establish("home").get(30, TimeUnit.SECONDS);

        await(() -> keepalives(visited, "home", "acknowledged") >= 2
                && keepalives(home, "visited", "acknowledged") >= 2);
        assertThat(keepalives(visited, "home", "acknowledged")).isGreaterThanOrEqualTo(2);
        assertThat(keepalives(home, "visited", "acknowledged")).isGreaterThanOrEqualTo(2);
        assertThat(keepalives(visited, "home", "unanswered")).isZero();
    }

    @Test
    void oneSideAnnouncingATimerIsEnoughForBoth() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(withKeepalive(sepps.visited(TestSepps.PRINS_FIRST)), Clock.systemUTC());
        visited.establish("home").get(30, TimeUnit.SECONDS);
        // The visited SEPP announced 1 s and the home SEPP none: the agreed timer is the one announced (N32C.md), and
        // the home SEPP keeps it too.
        await(() -> keepalives(home, "visited", "acknowledged") >= 1);
        assertThat(keepalives(home, "visited", "acknowledged")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUnansweredPingClosesTheConnectionThatHangs() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(withKeepalive(sepps.home(TestSepps.PRINS_FIRST)), Clock.systemUTC());
        proxy = new FreezingTcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), sepps.homePort));
        SeppConfig throughProxy = sepps.config("visited", TestSepps.VISITED_PLMN, sepps.visitedPort,
                TestSepps.PRINS_FIRST, PolicyMismatchAction.ERROR, ProtectionPolicyCheck.ALWAYS_ENCRYPTED,
                TestSepps.withN32f(sepps.peer("home", TestSepps.HOME_PLMN, proxy.port()), sepps.homeN32fPort))
                .withN32f(TestSepps.listener(sepps.visitedN32fPort), List.of());
        visited = SeppNode.start(withKeepalive(throughProxy), Clock.systemUTC());
        visited.establish("home").get(30, TimeUnit.SECONDS);
        await(() -> keepalives(visited, "home", "acknowledged") >= 1);
        assertThat(keepalives(visited, "home", "acknowledged")).isGreaterThanOrEqualTo(1);
        assertThat(proxy.closedByClient.get()).isZero();

        proxy.frozen = true;
        await(() -> keepalives(visited, "home", "unanswered") >= 1 && proxy.closedByClient.get() >= 1);
        assertThat(keepalives(visited, "home", "unanswered")).isGreaterThanOrEqualTo(1);
        assertThat(proxy.closedByClient.get()).as("the visited SEPP closed the connection that hangs")
                .isGreaterThanOrEqualTo(1);
    }
}
