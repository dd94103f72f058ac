package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.keygate.sbi.lab.FreePorts;

/**
 * A stop under load (issue 18 item 5): requests the stopping SEPP has accepted are answered through its still-open
 * outbound side, new connections are refused, and the stop returns once they are (well within the drain timeout);
 * the visited SEPP stopped (its own NFs' listener drains) and the home SEPP stopped (its N32-f listener drains while
 * the visited SEPP waits on it). {@code ./keygate bench-load --stop} does the same with real processes under h2load.
 */
class DrainOnStopTest {
    private static final String PATH = "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    private static final int IN_FLIGHT = 20;

    @TempDir
    Path dir;

    private final ScheduledExecutorService slowNf = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch allAtTheNf = new CountDownLatch(IN_FLIGHT + 1);
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
        slowNf.shutdownNow();
    }

    @Test
    void theVisitedSeppAnswersWhatItAcceptedBeforeItStops() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        // A home NF that takes 800 ms per answer: the requests are still in progress when the stop begins.
        homeNf = SbiServer.builder().cleartext().bind(any).handler((r, c) -> {
            allAtTheNf.countDown();
            CompletableFuture<SbiResponse> answer = new CompletableFuture<>();
            slowNf.schedule(() -> answer.complete(SbiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8))),
                    800, TimeUnit.MILLISECONDS);
            return answer;
        }).build().start();
        TestSepps sepps = new TestSepps(dir);
        SeppConfig h = sepps.home(TestSepps.TLS_FIRST);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
                homeNf.localAddress())));
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(TestSepps.withOwnNfListener(sepps.visited(TestSepps.TLS_FIRST),
                FreePorts.loopback(1)[0], false), Clock.systemUTC());
        InetSocketAddress sbi = visited.sbiAddress().orElseThrow();
        try (SbiClient nf = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(30)).build()) {
            SbiClientConnection c = nf.connect(sbi).get(10, TimeUnit.SECONDS);
            assertThat(send(c).get(30, TimeUnit.SECONDS).status()).as("the path works").isEqualTo(200);
            List<CompletableFuture<SbiResponse>> accepted = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                accepted.add(send(c));
            }
            assertThat(allAtTheNf.await(20, TimeUnit.SECONDS)).as("all requests reached the home NF").isTrue();

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(visited::close);

            for (CompletableFuture<SbiResponse> f : accepted) {
                assertThat(f.get(30, TimeUnit.SECONDS).status()).as("an accepted request, answered").isEqualTo(200);
            }
            stopped.get(30, TimeUnit.SECONDS);
            visited = null;
            assertThatThrownBy(() -> nf.connect(sbi).get(10, TimeUnit.SECONDS))
                    .as("the stopped SEPP takes no new connection").hasRootCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void theHomeSeppAnswersWhatItAcceptedBeforeItStops() throws Exception {
        homeNf = slowHomeNf();
        TestSepps sepps = new TestSepps(dir);
        SeppConfig h = sepps.home(TestSepps.PRINS_FIRST);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute("udm.5gc.mnc001.mcc001.3gppnetwork.org",
                homeNf.localAddress())));
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(TestSepps.withOwnNfListener(sepps.visited(TestSepps.PRINS_FIRST),
                FreePorts.loopback(1)[0], false), Clock.systemUTC());
        Duration drainTimeout = h.drainTimeout();
        try (SbiClient nf = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(60)).build()) {
            SbiClientConnection c = nf.connect(visited.sbiAddress().orElseThrow()).get(10, TimeUnit.SECONDS);
            assertThat(send(c).get(30, TimeUnit.SECONDS).status()).as("the path works (PRINS)").isEqualTo(200);
            List<CompletableFuture<SbiResponse>> accepted = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                accepted.add(send(c));
            }
            assertThat(allAtTheNf.await(20, TimeUnit.SECONDS)).as("all requests reached the home NF").isTrue();

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(home::close);

            // Each one the home SEPP took answers 200 (or 503 with a ProblemDetails), none later than the drain
            // timeout from now: the bound of each wait is what is asserted, not how long it took.
            for (CompletableFuture<SbiResponse> f : accepted) {
                SbiResponse r = f.get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(r.status()).as("an accepted request, answered").isIn(200, 503);
                if (r.status() == 503) {
                    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"cause\"");
                }
            }
            stopped.get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
            home = null;
            // The stopped home SEPP is gone: the visited SEPP answers the next request itself, with a ProblemDetails,
            // instead of leaving it waiting.
            SbiResponse after = send(c).get(30, TimeUnit.SECONDS);
            assertThat(after.status()).as("a request after the home SEPP stopped").isGreaterThanOrEqualTo(500);
            assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("\"cause\"");
            assertThat(after.contentType()).hasValue("application/problem+json");
        }
    }

    /** A home NF that takes 800 ms per answer: the requests are still in progress when the stop begins. */
    private SbiServer slowHomeNf() throws Exception {
        return SbiServer.builder().cleartext().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler((r, c) -> {
                    allAtTheNf.countDown();
                    CompletableFuture<SbiResponse> answer = new CompletableFuture<>();
                    slowNf.schedule(() -> answer.complete(SbiResponse.json(200,
                            "{}".getBytes(StandardCharsets.UTF_8))), 800, TimeUnit.MILLISECONDS);
                    return answer;
                }).build().start();
    }

    private static CompletableFuture<SbiResponse> send(SbiClientConnection c) {
        return c.send(new SbiRequest("POST", PATH, SbiHeaders.of("content-type", "application/json",
                "3gpp-sbi-target-apiroot", "http://udm.5gc.mnc001.mcc001.3gppnetwork.org"),
                "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\"}".getBytes(StandardCharsets.UTF_8)),
                "sepp.5gc.mnc099.mcc999.3gppnetwork.org", "http");
    }
}
