package org.keygate.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.keygate.cli.lab.SeppYaml;
import org.keygate.sbi.lab.FreePorts;

/**
 * The cluster chain of the load benchmark (issue 16, docs/CLUSTER.md): h2load -> visited SEPP -> HAProxy (TCP mode,
 * N32-c and N32-f frontends) -> one of N home-SEPP instances of one identity (each {@code keygate sepp}, etcd as the
 * cluster's memory) -> UDM. The pair's PRINS settings ({@link SeppPair}), the home rate limit lifted as there; each
 * home instance has an admin listener, from whose metrics the share of relayed messages is read. Each instance
 * announces its own N32-f address ({@code cluster.n32f}), an HAProxy frontend of its own whose backups are the other
 * instances, so the visited SEPP sends each context's messages to the instance owning it (docs/CLUSTER.md).
 */
record ClusterChain(int instances, List<Path> homeConfigs, List<List<InetSocketAddress>> homeListeners,
        List<Integer> homeAdminPorts, Path visitedConfig, List<InetSocketAddress> visitedListeners,
        InetSocketAddress visitedSbi, int n32cFrontend, int n32fFrontend, List<Integer> ownN32fFrontends) {

    static ClusterChain write(Path dir, int n, InetSocketAddress udm, URI etcd) throws IOException {
        // visited n32c, n32f, sbi; HAProxy n32c, n32f; 4 per instance; then each instance's own HAProxy frontend
        int[] p = FreePorts.loopback(5 + 5 * n);
        List<Integer> own = new ArrayList<>();
        List<Path> homes = new ArrayList<>();
        List<List<InetSocketAddress>> listeners = new ArrayList<>();
        List<Integer> admins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int n32c = p[5 + 4 * i];
            int n32f = p[6 + 4 * i];
            int admin = p[7 + 4 * i];
            int internal = p[8 + 4 * i];
            own.add(p[5 + 4 * n + i]);
            Path home = dir.resolve("cluster" + n + "-home-" + i + ".yaml");
            Files.writeString(home, SeppYaml.common("the load benchmark", SeppPair.HOME, SeppPair.HOME_PLMN, n32c, n32f,
                    java.util.OptionalInt.of(admin), "PRINS") + SeppPair.UNLIMITED_RATE + SeppPair.udm(udm)
                    + SeppYaml.onePeer(SeppPair.VISITED, SeppPair.VISITED_PLMN, p[0], p[1], List.of())
                    + SeppYaml.cluster(etcd, "home-" + i, internal, SeppPair.HOME_PLMN.seppFqdn(), own.get(i)));
            homes.add(home);
            listeners.add(List.of(SeppPair.loopback(n32c), SeppPair.loopback(n32f), SeppPair.loopback(admin),
                    SeppPair.loopback(internal)));
            admins.add(admin);
        }
        Path visited = dir.resolve("cluster" + n + "-visited.yaml");
        Files.writeString(visited, SeppYaml.common("the load benchmark", SeppPair.VISITED, SeppPair.VISITED_PLMN,
                p[0], p[1], java.util.OptionalInt.empty(), "PRINS") + SeppYaml.ownNfListener(p[2])
                + SeppYaml.onePeer(SeppPair.HOME, SeppPair.HOME_PLMN, p[3], p[4], SeppYaml.HOME_APIS));
        return new ClusterChain(n, homes, listeners, admins, visited, List.of(SeppPair.loopback(p[0]),
                SeppPair.loopback(p[1]), SeppPair.loopback(p[2])), SeppPair.loopback(p[2]), p[3], p[4], List.copyOf(own));
    }

    /** The HAProxy frontends: N32-c, N32-f, and each instance's own N32-f ({@code n32f-<i>}). */
    java.util.Map<String, Integer> frontends() {
        var f = new java.util.LinkedHashMap<String, Integer>(java.util.Map.of("n32c", n32cFrontend, "n32f", n32fFrontend));
        for (int i = 0; i < instances; i++) {
            f.put("n32f-" + i, ownN32fFrontends.get(i));
        }
        return f;
    }

    /** The frontends that are one instance's own address (the others its backups). */
    java.util.Set<String> ownAddresses() {
        return java.util.stream.IntStream.range(0, instances).mapToObj(i -> "n32f-" + i)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The HAProxy backends: each plane's instance ports; an instance's own frontend lists it first. */
    java.util.Map<String, List<Integer>> backends() {
        var b = new java.util.LinkedHashMap<String, List<Integer>>(java.util.Map.of(
                "n32c", homeListeners.stream().map(l -> l.get(0).getPort()).toList(),
                "n32f", homeListeners.stream().map(l -> l.get(1).getPort()).toList()));
        for (int i = 0; i < instances; i++) {
            List<Integer> ports = new ArrayList<>(List.of(homeListeners.get(i).get(1).getPort()));
            for (int j = 0; j < instances; j++) {
                if (j != i) {
                    ports.add(homeListeners.get(j).get(1).getPort());
                }
            }
            b.put("n32f-" + i, ports);
        }
        return b;
    }

    /** Relayed messages over the messages the instances decrypted, from their admin listeners' metrics. */
    double relayShare() throws IOException, InterruptedException {
        double relayed = 0;
        double in = 0;
        for (int admin : homeAdminPorts) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + admin + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith("keygate_cluster_relays_total{") && line.contains("outcome=\"relayed\"")) {
                    relayed += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                } else if (line.startsWith("keygate_n32f_messages_total{") && line.contains("direction=\"in\"")) {
                    in += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return in == 0 ? 0 : relayed / in;
    }
}
