package org.keygate.sepp.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sbi.lab.FreePorts;

/**
 * HTTP/2 Rapid Reset (CVE-2023-44487) on the visited SEPP's own-NF listener: a client opens streams with a complete
 * request and resets each in the same write, reconnecting whenever the SEPP closes the connection. Reset requests
 * must (almost) never be forwarded: fewer than 1 % of them may reach the home NF (issue 10), and a well-behaved NF's
 * request right after is answered.
 */
class RapidResetTest {
    private static final String TARGET = "http://udm.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final String PATH = "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    private static final String[] HEADERS = {"content-type", "application/json", "3gpp-sbi-target-apiroot", TARGET};
    private static final byte[] BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** Requests the attack sends in all; bounded, so the test's length does not depend on the machine's speed. */
    private static final int ATTACK_REQUESTS = 20_000;

    @TempDir
    Path dir;

    private final AtomicInteger reachedHome = new AtomicInteger();
    private SbiServer homeNf;
    private SeppNode home;
    private SeppNode visited;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, home, homeNf}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // close the others
            }
        }
    }

    @Test
    void resetRequestsAreNotForwardedAndAnNfIsServedRightAfter() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        homeNf = SbiServer.builder().cleartext().bind(any).handler((r, c) -> {
            reachedHome.incrementAndGet();
            return CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8)));
        }).build().start();
        TestSepps sepps = new TestSepps(dir);
        SeppConfig h = sepps.home(TestSepps.TLS_FIRST);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
                homeNf.localAddress())));
        int sbiPort = FreePorts.loopback(1)[0];
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(TestSepps.withOwnNfListener(sepps.visited(TestSepps.TLS_FIRST), sbiPort, false),
                Clock.systemUTC());
        InetSocketAddress sbi = visited.sbiAddress().orElseThrow();
        try (SbiClient nf = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = nf.connect(sbi).get(10, TimeUnit.SECONDS);
            assertThat(send(c).status()).as("the path works (and N32 is set up)").isEqualTo(200);
            int before = reachedHome.get();

            int sent = attack(sbi);

            long t0 = System.nanoTime();
            SbiResponse after = send(nf.connect(sbi).get(10, TimeUnit.SECONDS));
            long afterMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(after.status()).as("an NF's request right after the attack").isEqualTo(200);
            int forwarded = reachedHome.get() - before - 1;
            // For docs/PERFORMANCE.md: what got through, and how long the next NF waited (measured, not asserted).
            System.out.printf("Rapid Reset: %d of %d reset requests reached the home NF; an NF's request right after "
                    + "answered in %d ms (new connection included)%n", forwarded, sent, afterMillis);
            assertThat(sent).isEqualTo(ATTACK_REQUESTS);
            assertThat(forwarded).as("reset requests that reached the home NF, of " + sent)
                    .isLessThan(sent / 100);
        }
    }

    /** Sends the attack's requests in writes of 50, reconnecting when the SEPP closes the connection. */
    private static int attack(InetSocketAddress sbi) throws IOException {
        int sent = 0;
        int connections = 0;
        while (sent < ATTACK_REQUESTS && connections < 1000) {
            connections++;
            try (RawH2Client raw = new RawH2Client(sbi)) {
                while (sent < ATTACK_REQUESTS) {
                    raw.requestAndReset(50, "sepp.5gc.mnc099.mcc999.3gppnetwork.org", PATH, HEADERS, BODY);
                    sent += 50;
                }
            } catch (IOException closedByTheSepp) {
                // Netty closes a connection after 200 resets in 30 s: come back, as the attack does
            }
        }
        return sent;
    }

    private static SbiResponse send(SbiClientConnection c) throws Exception {
        return c.send(new SbiRequest("POST", PATH, SbiHeaders.of(HEADERS), BODY),
                "sepp.5gc.mnc099.mcc999.3gppnetwork.org", "http").get(20, TimeUnit.SECONDS);
    }
}
