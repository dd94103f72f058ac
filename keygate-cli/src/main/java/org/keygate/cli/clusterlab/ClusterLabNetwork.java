package org.keygate.cli.clusterlab;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.keygate.cli.lab.LabNetwork;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.cluster.lab.EtcdProcess;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sepp.cluster.lab.HaproxyProcess;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.labnf.AusfSettings;
import org.keygate.labnf.LabHomeNetwork;
import org.keygate.labnf.LabSubscriber;
import org.keygate.labnf.UdmSettings;
import org.keygate.sepp.node.SeppNode;
import org.keygate.cli.KeygateProcess;
import org.keygate.sbi.lab.LabProcess;

/**
 * Everything the cluster lab runs, started in dependency order and closed in reverse: etcd, the home UDM and AUSF
 * (the lab's TS 35.208 test set 1 subscriber), the home instances, HAProxy, the visited SEPP; and an etcd client to
 * read the cluster's state for the checks.
 */
final class ClusterLabNetwork implements AutoCloseable {
    static final String SUPI = "imsi-001010000000001";
    private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
    private static final Duration START_BOUND = Duration.ofSeconds(90);

    final Path dir;
    final int leaseTtlSeconds;
    final Map<String, LabProcess> instances = new LinkedHashMap<>();
    final Map<String, ClusterLabFiles.InstancePorts> ports = new LinkedHashMap<>();
    private final List<AutoCloseable> started = new ArrayList<>();
    EtcdProcess etcd;
    Client etcdClient;
    SeppNode visited;

    private ClusterLabNetwork(Path dir, int leaseTtlSeconds) {
        this.dir = dir;
        this.leaseTtlSeconds = leaseTtlSeconds;
    }

    static ClusterLabNetwork start(Path dir, int n, int leaseTtlSeconds, PrintStream out) throws Exception {
        ClusterLabNetwork net = new ClusterLabNetwork(dir, leaseTtlSeconds);
        try {
            net.startAll(n, out);
            return net;
        } catch (Exception | Error e) {
            net.close();
            throw e;
        }
    }

    private void startAll(int n, PrintStream out) throws Exception {
        LabNetwork.generatePki(dir);
        etcd = new EtcdProcess(dir).start();
        started.add(etcd);
        etcdClient = Client.builder().endpoints(etcd.endpoint()).build();
        started.add(etcdClient);
        out.println("  etcd on " + etcd.endpoint());
        // udm, ausf, visited n32c/n32f/sbi, 2 HAProxy frontends, 4 per instance, then each instance's own frontend
        int[] p = FreePorts.loopback(7 + 5 * n);
        LabHomeNetwork nfs = LabHomeNetwork.start(
                UdmSettings.builder().apiRoot("http://" + ClusterLabFiles.UDM_AUTHORITY)
                        .subscriber(LabSubscriber.of(SUPI, K, OPC, "8000", 0)).build(),
                loopback(p[0]), loopback(p[1]),
                udm -> AusfSettings.builder().apiRoot("http://" + ClusterLabFiles.AUSF_AUTHORITY).udm(udm, "udm").build());
        started.add(nfs);
        List<Integer> n32c = new ArrayList<>();
        List<Integer> n32f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = "sepp-" + (char) ('a' + i);
            ClusterLabFiles.InstancePorts ip = new ClusterLabFiles.InstancePorts(p[7 + 4 * i], p[8 + 4 * i],
                    p[9 + 4 * i], p[10 + 4 * i], p[7 + 4 * n + i]);
            ports.put(name, ip);
            n32c.add(ip.n32c());
            n32f.add(ip.n32f());
            Path config = ClusterLabFiles.home(dir, name, ip, p[0], p[1], p[2], p[3], etcd.endpoint(), leaseTtlSeconds);
            // SIGTERM gets 30 s: the instance drains and leaves the cluster.
            LabProcess sepp = KeygateProcess.of(name, KeygateProcess.NODE_JAVA_OPTS,
                    List.of("sepp", "--config", config.toString()), dir, Duration.ofSeconds(30)).start();
            instances.put(name, sepp);
            started.add(sepp);
        }
        for (var e : instances.entrySet()) {
            e.getValue().awaitListening(listeners(e.getKey()), START_BOUND);
            out.println("  " + e.getKey() + " (pid " + e.getValue().pid() + "): N32-c 127.0.0.1:"
                    + ports.get(e.getKey()).n32c() + ", N32-f :" + ports.get(e.getKey()).n32f() + ", admin :"
                    + ports.get(e.getKey()).admin() + ", relays :" + ports.get(e.getKey()).internal());
        }
        // Each instance's own N32-f frontend sends to it, and to the others (backups) only while it is down.
        Map<String, Integer> frontends = new java.util.LinkedHashMap<>(Map.of("n32c", p[5], "n32f", p[6]));
        Map<String, List<Integer>> backends = new java.util.LinkedHashMap<>(Map.of("n32c", n32c, "n32f", n32f));
        for (var e : ports.entrySet()) {
            frontends.put("n32f-" + e.getKey(), e.getValue().ownN32f());
            List<Integer> b = new ArrayList<>(List.of(e.getValue().n32f()));
            n32f.stream().filter(x -> x != e.getValue().n32f()).forEach(b::add);
            backends.put("n32f-" + e.getKey(), b);
        }
        HaproxyProcess haproxy = new HaproxyProcess(dir).start(frontends, backends,
                java.util.Set.copyOf(ports.keySet().stream().map(x -> "n32f-" + x).toList()));
        started.add(haproxy);
        out.println("  HAProxy (TCP mode): N32-c 127.0.0.1:" + p[5] + ", N32-f :" + p[6] + ", each instance's own N32-f: "
                + ports.entrySet().stream().map(e -> e.getKey() + " :" + e.getValue().ownN32f()).toList());
        visited = SeppNode.start(SeppConfigLoader.load(ClusterLabFiles.visited(dir, p[2], p[3], p[4], p[5], p[6])),
                Clock.systemUTC());
        started.add(visited);
        out.println("  visited SEPP: its NFs' listener 127.0.0.1:" + p[4]);
    }

    List<InetSocketAddress> listeners(String instance) {
        ClusterLabFiles.InstancePorts ip = ports.get(instance);
        return List.of(loopback(ip.n32c()), loopback(ip.n32f()), loopback(ip.admin()), loopback(ip.internal()));
    }

    InetSocketAddress visitedSbi() {
        return visited.sbiAddress().orElseThrow();
    }

    /** The live members in etcd. */
    Set<String> members() throws Exception {
        String prefix = key("members/");
        var got = etcdClient.getKVClient().get(ByteSequence.from(prefix, StandardCharsets.UTF_8),
                GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS);
        Set<String> names = new TreeSet<>();
        got.getKvs().forEach(kv -> names.add(kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length())));
        return names;
    }

    /** The owner the directory names for a context of the home SEPP, or null. */
    String ownerOf(String contextId) throws Exception {
        var got = etcdClient.getKVClient().get(ByteSequence.from(key("contexts/" + contextId), StandardCharsets.UTF_8))
                .get(10, TimeUnit.SECONDS);
        return got.getKvs().isEmpty() ? null
                : SbiJson.mapper().readTree(got.getKvs().getFirst().getValue().getBytes()).path("owner").asText();
    }

    /** The sum of an instance's Prometheus series {@code name} whose labels contain {@code labels}. */
    double metric(String instance, String name, String labels) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + ports.get(instance).admin() + "/metrics")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    void restart(String instance) throws Exception {
        instances.get(instance).start().awaitListening(listeners(instance), START_BOUND);
    }

    private static String key(String suffix) {
        return "/keygate/" + ClusterLabFiles.HOME_PLMN.seppFqdn() + "/" + suffix;
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
