package org.keygate.cli.clusterlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;

/**
 * The cluster lab's walk: each step prints what it did and checks what must hold (docs/CLUSTER.md). A visited NF asks
 * for 5G HE AVs (Nudm_UEAU generate-auth-data) through the visited SEPP and the home cluster; the NF keeps two
 * connections, so the visited SEPP uses two N32-f connections, which HAProxy spreads over the instances.
 */
final class ClusterLabSteps {
    private static final String PATH = "/nudm-ueau/v1/" + ClusterLabNetwork.SUPI
            + "/security-information/generate-auth-data";
    private final ClusterLabNetwork net;
    private final PrintStream out;
    private boolean ok = true;

    ClusterLabSteps(ClusterLabNetwork net, PrintStream out) {
        this.net = net;
        this.out = out;
    }

    boolean run() throws Exception {
        try (SbiClient nf = SbiClient.builder().cleartext().connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(20)).build()) {
            List<SbiClientConnection> c = List.of(nf.connect(net.visitedSbi()).get(10, TimeUnit.SECONDS),
                    nf.connect(net.visitedSbi()).get(10, TimeUnit.SECONDS));
            Set<String> all = net.instances.keySet();
            step("1. every instance joined the cluster");
            await(() -> net.members().equals(all), Duration.ofSeconds(30));
            check(net.members().equals(all), "members in etcd: " + net.members());

            step("2. a visited NF asks for 20 authentication vectors through the cluster");
            int good = 0;
            for (int i = 0; i < 20; i++) {
                SbiResponse r = send(c.get(i % 2)).get(30, TimeUnit.SECONDS);
                JsonNode av = r.status() == 200 ? SbiJson.read(r.body(), JsonNode.class).path("authenticationVector")
                        : null;
                good += av != null && "5G_HE_AKA".equals(av.path("avType").asText()) ? 1 : 0;
            }
            check(good == 20, good + " of 20 answered 200 with a 5G HE AV from the home UDM");
            String context = net.visited.contexts().current("home").orElseThrow().remoteContextId().orElseThrow()
                    .value();
            String owner = net.ownerOf(context);
            check(owner != null, "the visited SEPP's context " + context + " is owned by " + owner
                    + " (the directory in etcd: owner, partner, mechanism, expiry; no key)");
            double relayed = 0;
            for (String n : all) {
                double r = net.metric(n, "keygate_cluster_relays_total", "outcome=\"relayed\"");
                double in = net.metric(n, "keygate_n32f_messages_total", "direction=\"in\"");
                out.printf("     %s: %.0f decrypted here (owner), %.0f relayed to their owner%n", n, in, r);
                relayed += r;
            }
            // Each instance announces its own N32-f address (cluster.n32f): the visited SEPP sends to the owner.
            check(relayed == 0, String.format("relay share %.0f%% (%.0f of 20): each context's messages went to the "
                    + "address its owner announced", 100 * relayed / 20, relayed));

            step("3. kill -9 " + owner + " (the owner) under load");
            List<String> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Long> settledOk = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean loading = new AtomicBoolean(true);
            long[] killedAt = new long[1];
            Thread load = Thread.ofPlatform().start(() -> {
                int i = 0;
                while (loading.get()) {
                    long t = System.nanoTime();
                    String result;
                    try {
                        result = String.valueOf(send(c.get(i++ % 2)).get(30, TimeUnit.SECONDS).status());
                    } catch (Exception e) {
                        result = (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName();
                    }
                    outcomes.add(result);
                    if (killedAt[0] != 0 && t > killedAt[0] + Duration.ofSeconds(net.leaseTtlSeconds + 1).toNanos()) {
                        settledOk.add(result.equals("200") ? 1L : 0L);
                    }
                }
            });
            Thread.sleep(1000);
            killedAt[0] = System.nanoTime();
            net.instances.get(owner).kill();
            long gone = awaitGone(owner);
            Thread.sleep(Duration.ofSeconds(net.leaseTtlSeconds + 3).toMillis());
            loading.set(false);
            load.join(60_000);
            long failures = outcomes.stream().filter(o -> !o.equals("200")).count();
            check(gone > 0 && gone <= Duration.ofSeconds(net.leaseTtlSeconds).plusMillis(1500).toNanos(),
                    owner + " dropped from etcd " + gone / 1_000_000 + " ms after SIGKILL (lease TTL "
                            + net.leaseTtlSeconds + " s)");
            check(outcomes.stream().noneMatch(o -> o.contains("Timeout")), outcomes.size() + " requests under load, "
                    + failures + " failed (" + outcomes.stream().filter(o -> !o.equals("200")).distinct().toList()
                    + "), none hung");
            check(!settledOk.isEmpty() && settledOk.stream().allMatch(x -> x == 1L), settledOk.size()
                    + " requests after the lease TTL, all answered 200: traffic resumed, nothing else restarted");

            step("4. " + owner + " restarts and rejoins");
            net.restart(owner);
            await(() -> net.members().equals(all), Duration.ofSeconds(30));
            check(net.members().equals(all), "members in etcd: " + net.members());
            int after = 0;
            for (int i = 0; i < 10; i++) {
                after += send(c.get(i % 2)).get(30, TimeUnit.SECONDS).status() == 200 ? 1 : 0;
            }
            check(after == 10, after + " of 10 answered 200 after the restart");
        }
        return ok;
    }

    private CompletableFuture<SbiResponse> send(SbiClientConnection c) {
        return c.send(new SbiRequest("POST", PATH, SbiHeaders.of("content-type", "application/json",
                "3gpp-sbi-target-apiroot", "http://" + ClusterLabFiles.UDM_AUTHORITY),
                "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\",\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}"
                        .getBytes(StandardCharsets.UTF_8)),
                ClusterLabFiles.VISITED_PLMN.seppFqdn(), "http");
    }

    /** Nanoseconds from now until the instance's member key is gone (polled every 50 ms, 20 s at most); -1 if never. */
    private long awaitGone(String instance) throws Exception {
        long from = System.nanoTime();
        while (System.nanoTime() - from < Duration.ofSeconds(20).toNanos()) {
            if (!net.members().contains(instance)) {
                return System.nanoTime() - from;
            }
            Thread.sleep(50);
        }
        return -1;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition c, Duration bound) throws Exception {
        long end = System.nanoTime() + bound.toNanos();
        while (!c.holds() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void check(boolean holds, String what) {
        out.println("   [" + (holds ? "ok" : "FAILED") + "] " + what);
        ok &= holds;
    }
}
