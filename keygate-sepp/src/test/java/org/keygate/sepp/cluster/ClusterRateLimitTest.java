package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.EdgeSettings;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.edge.RateLimitSettings;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.sepp.node.SeppNode;

/**
 * A partner's rate limit (30 messages/s, burst 30) holds for three instances together: with the partner's traffic
 * spread over the three owners, they admit what one SEPP would (within the stated tolerance, docs/CLUSTER.md), not
 * three times it; with all of it at one owner, that owner gets most of the rate, not a third.
 *
 * <p>Rates are measured over seconds of real traffic, so the bounds are wide: 25% above what one SEPP admits, and for
 * the skewed case clearly above what an even split could admit.
 */
class ClusterRateLimitTest {
    static final double RATE = 30;
    static final int BURST = 30;
    static final int SECONDS = 4;

    @TempDir
    Path dir;

    @AutoClose
    HomeInstances cluster;
    final Map<String, SeppNode> home = new LinkedHashMap<>();
    SeppNode visited;
    final Map<String, AtomicInteger> delivered = new LinkedHashMap<>();

    @Test
    void threeInstancesAdmitThePartnersRateTogether() throws Exception {
        TestSepps sepps = new TestSepps(dir);
        cluster = HomeInstances.onNewEtcd(dir, Duration.ofSeconds(3), Duration.ofSeconds(1));
        visited = cluster.visited(sepps.visited(TestSepps.PRINS_FIRST));
        SeppConfig base = sepps.home(TestSepps.PRINS_FIRST);
        EdgeSettings e = base.edge();
        SeppConfig limited = base.withEdge(new EdgeSettings(e.routing(), RateLimitSettings.builder()
                .peer("visited", RATE, BURST).build(), e.plmnIdCheck(), e.topologyHiding(), e.inboundApis(),
                e.fillOriginatingNetworkId()));
        Map<String, Sender> senders = new LinkedHashMap<>();
        VisitedClient partner = new VisitedClient(sepps);
        for (String n : List.of("a", "b", "c")) {
            delivered.put(n, new AtomicInteger());
            SeppNode node = cluster.start(limited, n, count(n));
            home.put(n, node);
            // Each instance negotiates with the visited SEPP: it owns that context.
            N32fContext own = node.establish("visited").get(30, TimeUnit.SECONDS);
            N32fContext atVisited = visited.contexts().byLocalId(own.remoteContextId().orElseThrow()).orElseThrow();
            senders.put(n, new Sender(new N32fProtector(atVisited.prins()), node.n32fAddress().orElseThrow(), partner));
        }
        ClusterRelayTest.await("three members", () -> home.get("a").meters().find("keygate_cluster_members")
                .gauge().value() == 3);

        // Spread: 40 messages/s to each owner, 120/s in all.
        int spread = run(senders, Map.of("a", 40, "b", 40, "c", 40));
        double oneSepp = BURST + RATE * SECONDS;
        System.out.printf("cluster rate: spread over 3 owners, %d admitted in %d s (one SEPP: %.0f, three alone: "
                + "%.0f)%n", spread, SECONDS, oneSepp, 3 * oneSepp);
        assertThat((double) spread).as("admitted, partner traffic spread over three instances")
                .isLessThanOrEqualTo(oneSepp * 1.25).isGreaterThanOrEqualTo(oneSepp * 0.6);

        // Skewed: 60 messages/s, all to a's context.
        Thread.sleep(RateShares.PERIOD_MILLIS * 2); // the spread's demand leaves the shares
        int skewed = run(senders, Map.of("a", 60));
        double evenSplit = BURST / 3.0 + RATE / 3 * SECONDS;
        System.out.printf("cluster rate: all at one owner, %d admitted in %d s (an even split: %.0f)%n", skewed,
                SECONDS, evenSplit);
        assertThat((double) skewed).as("admitted, partner traffic all at one instance")
                .isLessThanOrEqualTo(oneSepp * 1.25).isGreaterThan(evenSplit * 1.5);
    }

    /** Sends at the given rates for {@link #SECONDS}; returns how many messages the home NFs got. */
    private int run(Map<String, Sender> senders, Map<String, Integer> perSecond) throws Exception {
        int before = delivered.values().stream().mapToInt(AtomicInteger::get).sum();
        ExecutorService pool = Executors.newFixedThreadPool(perSecond.size());
        List<Future<?>> done = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        for (var e : perSecond.entrySet()) {
            Sender s = senders.get(e.getKey());
            long gap = TimeUnit.SECONDS.toNanos(1) / e.getValue();
            done.add(pool.submit(() -> {
                long next = System.nanoTime();
                while (next < end) {
                    s.send();
                    next += gap;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(SECONDS + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return delivered.values().stream().mapToInt(AtomicInteger::get).sum() - before;
    }

    /** The visited SEPP's side of one context, sending n32f-process messages straight to the owner. */
    private static final class Sender {
        private final N32fProtector protector;
        private final InetSocketAddress to;
        private final VisitedClient client;
        private int messageId;

        Sender(N32fProtector protector, InetSocketAddress to, VisitedClient client) {
            this.protector = protector;
            this.to = to;
            this.client = client;
        }

        void send() throws Exception {
            ObjectNode body = SbiJson.mapper().createObjectNode()
                    .put("servingNetworkName", "5G:mnc099.mcc999.3gppnetwork.org");
            ClearRequest r = new ClearRequest("POST", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                    "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data", null,
                    List.of(Map.entry("content-type", "application/json"), Map.entry(
                            "3gpp-sbi-originating-network-id", "999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn())),
                    body);
            var rsp = client.process(to, SbiJson.write(protector.protectRequest(r, EncryptionPlan.none(),
                    String.valueOf(messageId++))));
            assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(200); // 429s travel inside the protected answer
        }
    }

    private org.keygate.sepp.n32f.forward.N32fInbound count(String instance) {
        return (context, request, messageId) -> {
            delivered.get(instance).incrementAndGet();
            return HomeInstances.ok(SbiJson.mapper().createObjectNode());
        };
    }
}
