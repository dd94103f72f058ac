package org.keygate.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;

/**
 * The load benchmark ({@code ./keygate bench-load}, docs/PERFORMANCE.md): h2load asks the lab UDM for 5G HE AVs
 * (Nudm_UEAU generate-auth-data) (a) directly, (n) through a pair of nghttpx proxies (the C++ reference, issue 10),
 * (b) through the SEPP pair in TLS mode, (c) through it in PRINS mode, (d) in PRINS mode with N32-f through the IPX
 * node, (e1-e3) in PRINS mode to a home SEPP run as a cluster of 1, 2, 3 instances behind HAProxy (issue 16,
 * {@link ClusterChain}), each node a process of its own on loopback. For each: the maximum rate and its p50/p99, p50/p99 paced at half
 * that rate (by one h2load process, and by one per connection started apart: {@link H2load#pacedSpread}), each
 * proxy's peak resident memory sampled during the runs, and the proxies' CPU per request. Prints the
 * Markdown table and the targets, and writes them with every h2load output and node log into {@code --out}.
 */
@Command(name = "bench-load", mixinStandardHelpOptions = true,
        description = "h2load through keygate SEPPs: direct, nghttpx pair, TLS mode, PRINS, PRINS via IPX; req/s, "
                + "p50/p99, RSS, proxy CPU per request.")
public final class LoadBench implements Callable<Integer> {
    /** A node gets this long after SIGTERM to close its listeners before SIGKILL. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** The warm-up of the spread paced run (at most --warmup): it follows two runs through the same chain. */
    static final int SPREAD_WARMUP_SECONDS = 10;
    static final String TARGET_API_ROOT = "http://" + SeppPair.UDM_AUTHORITY;
    static final String BODY = "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"7a1e1a2c-8b39-4a7e-9f7b-0b1d3c4e5f60\"}";

    @Option(names = "--keygate-jar", defaultValue = "keygate-cli/target/keygate.jar",
            description = "The keygate CLI jar the nodes run (default ${DEFAULT-VALUE}).")
    Path keygateJar;

    @Option(names = "--out", defaultValue = "keygate-bench/target/loadbench",
            description = "Directory for configurations, PKI, logs, h2load output, results.md (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per run (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "5",
            description = "h2load warm-up seconds before each measured run (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--clients", defaultValue = "4", description = "h2load connections (-c, default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--streams", defaultValue = "32",
            description = "Concurrent streams per connection (-m, default ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--subscribers", defaultValue = "16",
            description = "Subscribers the requests go round (one URI each, default ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--node-java-opts", defaultValue = "",
            description = "JVM options of every node, space-separated (default: none, the JVM's own ergonomics).")
    String nodeJavaOpts;

    @Option(names = "--proxy-java-opts", defaultValue = "",
            description = "JVM options of the SEPPs and the IPX, after --node-java-opts (./keygate bench-load passes the "
                    + "launcher's defaults for keygate sepp and keygate ipx, so they run as deployed).")
    String proxyJavaOpts;

    @Option(names = "--tls-provider", description = "tls.provider of the SEPPs and the IPX (jdk or openssl; default: "
            + "none written, the node's default): the TLS engine of N32-f and the SBI (docs/PERFORMANCE.md, TLS provider).")
    String tlsProvider;

    @Option(names = "--jfr", description = "Record each SEPP with JDK Flight Recorder (profile.jfr per SEPP in --out).")
    boolean jfr;

    /** The h2load scenarios through the SEPPs; {@link DaemonScenarios#NAMES} are the CAPIF and MRFP ones (issue 20). */
    static final List<String> H2LOAD_SCENARIOS = List.of("direct", "nghttpx", "tls", "prins", "prins-ipx", "cluster-1",
            "cluster-2", "cluster-3");

    @Option(names = "--scenarios", split = ",",
            defaultValue = "direct,nghttpx,tls,prins,prins-ipx,cluster-1,cluster-2,cluster-3",
            description = "Which of direct, nghttpx, tls, prins, prins-ipx, cluster-1, cluster-2, cluster-3 to run "
                    + "(default ${DEFAULT-VALUE}); and, only when named, issue 20's CAPIF and MRFP drivers against "
                    + "their C references: capif-psk (CAPIF-2e handshakes and keep-alive requests vs openssl s_server "
                    + "-psk and stunnel4+HAProxy), capif-outage (the CCF stopped for 10 s in a 60 s handshake run), "
                    + "mrfp-relay (MRFP CPU per message vs a stunnel4 PSK pair), mrfp-slow-reader (a participant "
                    + "reading at 5 MB/s); --warmup and --duration are their warm-up and measured seconds.")
    List<String> scenarios;

    @Option(names = "--reload", description = "Instead of the scenarios: the PRINS pair at half its max rate while the "
            + "home SEPP is reloaded " + ReloadUnderLoad.RELOADS + " times by SIGHUP (issue 18); fails on any failed "
            + "request.")
    boolean reload;

    @Option(names = "--stop", description = "Instead of the scenarios: the PRINS pair at its max rate while the "
            + "visited SEPP, then in a second run the home SEPP, gets SIGTERM (issue 18); fails when an accepted request "
            + "is not answered (2xx or 503), one waits past shutdown.drainTimeout, or the SEPP exits after it.")
    boolean stop;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        java.util.Optional<String> unknown = DaemonScenarios.unknown(scenarios, H2LOAD_SCENARIOS);
        if (unknown.isPresent()) {
            System.err.println("bench-load: --scenarios: " + unknown.get() + " (expected: some of " + H2LOAD_SCENARIOS
                    + " and " + DaemonScenarios.NAMES + ")");
            return 2;
        }
        boolean daemonsHold = true;
        if (!reload && !stop && scenarios.stream().anyMatch(DaemonScenarios.NAMES::contains)) {
            Files.createDirectories(out);
            List<DaemonScenarios.Outcome> outcomes = new DaemonScenarios(out, warmup, duration).run(scenarios);
            String report = "Issue 20's drivers " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                    + " cores, JDK " + Runtime.version() + ", load average at the end: "
                    + Files.readString(Path.of("/proc/loadavg")).trim() + "\n\n" + DaemonScenarios.markdown(outcomes);
            Files.writeString(out.resolve("results-daemons.md"), report);
            System.out.println();
            System.out.println(report);
            daemonsHold = outcomes.stream().allMatch(DaemonScenarios.Outcome::holds);
            if (scenarios.stream().noneMatch(H2LOAD_SCENARIOS::contains)) {
                return daemonsHold ? 0 : 1;
            }
        }
        System.out.println("h2load: " + H2load.version().lines().findFirst().orElse("?"));
        if (!Files.isRegularFile(keygateJar)) {
            throw new IOException(keygateJar + " is missing: build first (mvn -DskipTests package)");
        }
        Files.createDirectories(out);
        Path body = Files.writeString(out.resolve("body.json"), BODY);
        SeppPair.generatePki(out);
        H2load h2load = new H2load(out, body, List.of("content-type: application/json",
                "3gpp-sbi-target-apiroot: " + TARGET_API_ROOT), clients, streams);
        List<ScenarioResult> results = new ArrayList<>();
        int[] nfPorts = FreePorts.loopback(2);
        InetSocketAddress udm = SeppPair.loopback(nfPorts[0]);
        Instant started = Instant.now();
        try (LabProcess nf = jar("labnf", javaOptions(), List.of("labnf", "--udm-listen",
                hostPort(udm), "--ausf-listen", hostPort(SeppPair.loopback(nfPorts[1])), "--subscribers",
                Integer.toString(subscribers)))) {
            nf.awaitListening(List.of(udm), Duration.ofSeconds(60));
            if (reload) {
                return reloadUnderLoad(h2load, SeppPair.write(out, SeppPair.Mode.PRINS, udm, Optional.ofNullable(tlsProvider)), nf);
            }
            if (stop) {
                return stopUnderLoad(h2load, udm);
            }
            if (scenarios.contains("direct")) {
                results.add(measure(h2load, "(a) direct", "h2load -> UDM", "direct", udm, nf, List.of(), List.of()));
            }
            if (scenarios.contains("nghttpx")) {
                NghttpxPair.requireInstalled();
                try (NghttpxPair pair = NghttpxPair.start(out, udm, out)) {
                    results.add(measure(h2load, "(n) nghttpx pair", "h2load -> nghttpx -> nghttpx (mutual TLS) -> UDM",
                            "nghttpx", pair.visitedFrontend(), nf, List.of(pair.home(), pair.visited()), List.of()));
                }
            }
            for (SeppPair.Mode mode : SeppPair.Mode.values()) {
                if (scenarios.contains(mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))) {
                    results.add(throughPair(h2load, SeppPair.write(out, mode, udm, Optional.ofNullable(tlsProvider)), nf));
                }
            }
            for (int n = 1; n <= 3; n++) {
                if (scenarios.contains("cluster-" + n)) {
                    results.add(throughCluster(h2load, n, udm, nf));
                }
            }
        }
        String table = ResultTable.markdown(results);
        List<String> targets = new ArrayList<>(ResultTable.targets(results));
        targets.addAll(clusterNotes(results));
        String report = "Load benchmark " + started + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + Runtime.version() + ", " + H2load.version().lines().findFirst().orElse("?") + "\n"
                + "h2load -c " + clients + " -m " + streams + " -t 1 -D " + duration + " --warm-up-time " + warmup
                + (tlsProvider == null ? "" : "; tls.provider: " + tlsProvider) + "; paced: --rps (half the max rate) / " + clients + " per client, in one h2load process, then in " + clients
                + " started " + H2load.TICK.toNanos() / clients / 1000 + " µs apart (-c 1 each, --warm-up-time "
                + Math.min(warmup, SPREAD_WARMUP_SECONDS) + "); " + subscribers + " subscribers; "
                + "response body " + results.stream().mapToLong(ScenarioResult::bodyBytes).max().orElse(0)
                + " octets\n\n" + table + "\n" + String.join("\n", targets) + "\n";
        Files.writeString(out.resolve("results.md"), report);
        System.out.println();
        System.out.println(report);
        System.out.println("Everything is in " + out.toAbsolutePath());
        return daemonsHold && results.stream().allMatch(ScenarioResult::allSucceeded) ? 0 : 1;
    }

    private ScenarioResult throughPair(H2load h2load, SeppPair pair, LabProcess nf) throws Exception {
        String name = pair.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        List<LabProcess> extra = new ArrayList<>();
        try (LabProcess home = sepp(name + "-home", pair.homeConfig());
                LabProcess visited = sepp(name + "-visited", pair.visitedConfig())) {
            if (pair.ipxConfig().isPresent()) {
                extra.add(jar(name + "-ipx", proxyJavaOptions(),
                        List.of("ipx", "--config", pair.ipxConfig().get().toString())));
                extra.getFirst().awaitListening(pair.ipxListeners(), Duration.ofSeconds(60));
            }
            home.awaitListening(pair.homeListeners(), Duration.ofSeconds(60));
            visited.awaitListening(pair.visitedListeners(), Duration.ofSeconds(60));
            return switch (pair.mode()) {
                case TLS -> measure(h2load, "(b) TLS mode", "h2load -> vSEPP -> hSEPP -> UDM", name, pair.visitedSbi(),
                        nf, List.of(home, visited), extra);
                case PRINS -> measure(h2load, "(c) PRINS", "h2load -> vSEPP -> hSEPP -> UDM", name,
                        pair.visitedSbi(), nf, List.of(home, visited), extra);
                case PRINS_IPX -> measure(h2load, "(d) PRINS via IPX", "h2load -> vSEPP -> IPX -> hSEPP -> UDM", name,
                        pair.visitedSbi(), nf, List.of(home, visited), extra);
            };
        } finally {
            closeAll(extra);
        }
    }

    /** Relay share of each cluster scenario, by label, read after its maximum run. */
    private final java.util.Map<String, Double> relayShares = new java.util.LinkedHashMap<>();

    /**
     * The cluster chain with {@code n} home instances: etcd and HAProxy (Debian etcd-server, haproxy) as processes,
     * then the instances, then the visited SEPP. HAProxy's and etcd's CPU is not counted as proxy CPU: they are the
     * operator's load balancer and database, not keygate.
     */
    private ScenarioResult throughCluster(H2load h2load, int n, InetSocketAddress udm, LabProcess nf) throws Exception {
        String name = "cluster-" + n;
        Path dir = Files.createDirectories(out.resolve(name));
        List<LabProcess> homes = new ArrayList<>();
        try (org.keygate.sepp.cluster.lab.EtcdProcess etcd = new org.keygate.sepp.cluster.lab.EtcdProcess(dir).start();
                org.keygate.sepp.cluster.lab.HaproxyProcess haproxy = new org.keygate.sepp.cluster.lab.HaproxyProcess(dir)) {
            ClusterChain chain = ClusterChain.write(out, n, udm, etcd.endpoint());
            for (int i = 0; i < n; i++) {
                homes.add(sepp(name + "-home-" + i, chain.homeConfigs().get(i)));
            }
            for (int i = 0; i < n; i++) {
                homes.get(i).awaitListening(chain.homeListeners().get(i), Duration.ofSeconds(60));
            }
            haproxy.start(chain.frontends(), chain.backends(), chain.ownAddresses());
            try (LabProcess visited = sepp(name + "-visited", chain.visitedConfig())) {
                visited.awaitListening(chain.visitedListeners(), Duration.ofSeconds(60));
                List<LabProcess> sepps = new ArrayList<>(List.of(homes.getFirst(), visited));
                sepps.addAll(homes.subList(1, n));
                String label = "(e" + n + ") PRINS, home cluster x" + n;
                ScenarioResult r = measure(h2load, label, "h2load -> vSEPP -> HAProxy -> hSEPP x" + n + " -> UDM",
                        name, chain.visitedSbi(), nf, sepps, List.of());
                relayShares.put(label, chain.relayShare());
                System.out.printf(java.util.Locale.ROOT, "%s: relay share %.0f%%%n", label,
                        100 * relayShares.get(label));
                return r;
            }
        } finally {
            closeAll(homes);
        }
    }

    /** Issue 16: proxy CPU per request of 2 and 3 instances within 15% of 1 instance's; the relay share. */
    private List<String> clusterNotes(List<ScenarioResult> results) {
        List<String> notes = new ArrayList<>();
        java.util.Optional<ScenarioResult> one = results.stream().filter(r -> r.scenario().startsWith("(e1)")).findFirst();
        for (ScenarioResult r : results) {
            Double share = relayShares.get(r.scenario());
            if (share == null) {
                continue;
            }
            String line = String.format(java.util.Locale.ROOT, "%s: relay share %.0f%%, proxy CPU per request %,.0f µs",
                    r.scenario(), 100 * share, r.proxyCpuMicrosPerRequest());
            if (one.isPresent() && r != one.get()) {
                double ratio = r.proxyCpuMicrosPerRequest() / one.get().proxyCpuMicrosPerRequest();
                line += String.format(java.util.Locale.ROOT, ", %.2fx one instance's (target <= 1.15x): %s", ratio,
                        ratio <= 1.15 ? "met" : "missed");
            }
            notes.add(line);
        }
        return notes;
    }

    /** {@code --reload}: the max rate first, then the paced run across {@link ReloadUnderLoad#RELOADS} reloads. */
    private int reloadUnderLoad(H2load h2load, SeppPair pair, LabProcess nf) throws Exception {
        try (LabProcess home = sepp("reload-home", pair.homeConfig());
                LabProcess visited = sepp("reload-visited", pair.visitedConfig())) {
            home.awaitListening(pair.homeListeners(), Duration.ofSeconds(60));
            visited.awaitListening(pair.visitedListeners(), Duration.ofSeconds(60));
            List<String> uris = uris(pair.visitedSbi());
            firstRequest(h2load, "reload", uris.getFirst());
            List<LabProcess> nodes = List.of(home, visited, nf);
            H2load.Run max = h2load.max("reload-max", uris, Duration.ofSeconds(warmup), Duration.ofSeconds(duration),
                    nodes);
            double half = max.report().requestsPerSecond() / 2;
            int perClient = Math.max(1, (int) Math.round(half / clients));
            System.out.printf(java.util.Locale.ROOT, "reload: %.0f req/s at max; paced at %d req/s per client while "
                    + "the home SEPP is reloaded%n", max.report().requestsPerSecond(), perClient);
            ReloadUnderLoad.Result r = ReloadUnderLoad.run(out, pair, home, Duration.ofSeconds(duration),
                    Duration.ofSeconds(warmup), () -> h2load.paced("reload-half", uris, Duration.ofSeconds(warmup),
                            Duration.ofSeconds(duration), perClient, nodes), perClient * (double) clients);
            String report = String.format(java.util.Locale.ROOT, "Reload benchmark %s, %d cores, JDK %s, %s; max "
                    + "%.0f req/s (h2load -c %d -m %d)%n%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                    Runtime.version(), H2load.version().lines().findFirst().orElse("?"),
                    max.report().requestsPerSecond(), clients, streams) + r.markdown();
            Files.writeString(out.resolve("results-reload.md"), report);
            System.out.println(report);
            return r.ok() ? 0 : 1;
        }
    }

    /**
     * {@code --stop}: for the visited SEPP, then the home SEPP, a fresh PRINS pair (a stopped SEPP is not restarted:
     * the second run starts both anew), one request, then h2load at the max rate with a SIGTERM in its first third.
     */
    private int stopUnderLoad(H2load h2load, InetSocketAddress udm) throws Exception {
        StringBuilder rows = new StringBuilder();
        boolean ok = true;
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        for (boolean visitedStopped : new boolean[] {true, false}) {
            String which = visitedStopped ? "visited" : "home";
            SeppPair pair = SeppPair.write(out, SeppPair.Mode.PRINS, udm, Optional.ofNullable(tlsProvider));
            try (LabProcess home = sepp("stop-" + which + "-home", pair.homeConfig());
                    LabProcess visited = sepp("stop-" + which + "-visited", pair.visitedConfig())) {
                home.awaitListening(pair.homeListeners(), Duration.ofSeconds(60));
                visited.awaitListening(pair.visitedListeners(), Duration.ofSeconds(60));
                List<String> uris = uris(pair.visitedSbi());
                firstRequest(h2load, "stop-" + which, uris.getFirst());
                System.out.println("stop: SIGTERM to the " + which + " SEPP during h2load at the max rate");
                // The pair's files set no shutdown.drainTimeout: the default applies.
                StopUnderLoad.Row row = StopUnderLoad.run(h2load, "stop-" + which, uris,
                        visitedStopped ? visited : home, visitedStopped, Duration.ofSeconds(warmup),
                        Duration.ofSeconds(duration), org.keygate.sepp.config.SeppConfig.DEFAULT_DRAIN_TIMEOUT);
                rows.append(row.markdown());
                ok &= row.ok();
            }
        }
        String report = String.format(java.util.Locale.ROOT, "Stop benchmark %s, %d cores, JDK %s, %s; load average "
                + "before: %s; h2load -c %d -m %d -D %d --warm-up-time %d, SIGTERM %d s into the measured run%n%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(),
                H2load.version().lines().findFirst().orElse("?"), loadBefore, clients, streams, duration, warmup,
                duration / 3) + StopUnderLoad.HEADER + rows;
        Files.writeString(out.resolve("results-stop.md"), report);
        System.out.println(report);
        return ok ? 0 : 1;
    }

    /** One generate-auth-data URI per subscriber, through {@code target}. */
    private List<String> uris(InetSocketAddress target) {
        List<String> uris = new ArrayList<>();
        for (int i = 1; i <= subscribers; i++) {
            uris.add("http://" + hostPort(target) + "/nudm-ueau/v1/imsi-00101" + String.format("%010d", i)
                    + "/security-information/generate-auth-data");
        }
        return uris;
    }

    private LabProcess sepp(String name, Path config) throws IOException {
        List<String> opts = new ArrayList<>(proxyJavaOptions());
        if (jfr) {
            opts.add("-XX:StartFlightRecording=filename=" + out.resolve(name + ".jfr").toAbsolutePath()
                    + ",settings=profile");
        }
        return jar(name, opts, List.of("sepp", "--config", config.toString()));
    }

    /** {@code java [javaOptions] -jar keygate.jar args}, started, its output in {@code out/name.log}. */
    private LabProcess jar(String name, List<String> javaOptions, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", keygateJar.toString()));
        command.addAll(args);
        return LabProcess.of(name, command, out, STOP_WAIT).start();
    }

    private static void closeAll(List<LabProcess> nodes) throws InterruptedException {
        for (LabProcess n : nodes) {
            n.close();
        }
    }

    /**
     * One request first (through the SEPPs it also sets up the N32-c context, on demand), then the maximum run and
     * the run paced at half its rate, sampling the SEPPs' memory throughout. {@code seppNodes}: home, visited.
     */
    private ScenarioResult measure(H2load h2load, String label, String path, String name, InetSocketAddress target,
            LabProcess nf, List<LabProcess> seppNodes, List<LabProcess> otherNodes) throws Exception {
        List<LabProcess> nodes = new ArrayList<>(seppNodes);
        nodes.addAll(otherNodes);
        nodes.add(nf);
        List<String> uris = uris(target);
        H2load.Run first = firstRequest(h2load, name, uris.getFirst());
        long bodyBytes = first.report().dataBytes();
        System.out.println(label + ": first request OK (" + bodyBytes + " octets of body); measuring the max rate");
        try (RssSampler rss = new RssSampler(seppNodes)) {
            H2load.Run max = h2load.max(name + "-max", uris, Duration.ofSeconds(warmup), Duration.ofSeconds(duration),
                    nodes);
            double half = max.report().requestsPerSecond() / 2;
            int perClient = Math.max(1, (int) Math.round(half / clients));
            System.out.printf(java.util.Locale.ROOT, "%s: %.0f req/s at max, node CPU %s; paced at %d req/s per "
                    + "client%n", label, max.report().requestsPerSecond(), max.nodeCpu(), perClient);
            H2load.Run paced = h2load.paced(name + "-half", uris, Duration.ofSeconds(warmup),
                    Duration.ofSeconds(duration), perClient, nodes);
            // The chain is warm by now: a short warm-up, for the connections and their ticks to settle.
            H2load.Run spread = h2load.pacedSpread(name + "-half-spread", uris,
                    Duration.ofSeconds(Math.min(warmup, SPREAD_WARMUP_SECONDS)), Duration.ofSeconds(duration),
                    perClient, nodes);
            rss.close();
            OptionalLong home = seppNodes.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rss.peakKib(seppNodes.get(0)));
            OptionalLong visited = seppNodes.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(rss.peakKib(seppNodes.get(1)));
            for (LabProcess n : seppNodes) {
                System.out.println(n.name() + " (pid " + n.pid() + "): VmHWM " + ProcStatus.peakRssKib(n).orElse(0) + " KiB");
            }
            return ScenarioResult.of(label, path, bodyBytes, max, perClient * (double) clients, paced, spread, home,
                    visited, nf.name());
        }
    }

    /** Through the SEPPs the first request may meet an N32-c handshake still under way: a few tries, bounded. */
    private static H2load.Run firstRequest(H2load h2load, String name, String uri) throws Exception {
        H2load.Run run = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            run = h2load.once(name + "-first", uri);
            if (run.report().allSucceeded()) {
                return run;
            }
            Thread.sleep(1000);
        }
        throw new IOException(name + ": the first request did not get a 2xx: " + run.report());
    }

    private List<String> javaOptions() {
        return split(nodeJavaOpts);
    }

    private List<String> proxyJavaOptions() {
        List<String> all = new ArrayList<>(javaOptions());
        all.addAll(split(proxyJavaOpts));
        return all;
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }
}
