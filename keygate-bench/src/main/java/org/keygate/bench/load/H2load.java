package org.keygate.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.keygate.sbi.lab.LabProcess;

/**
 * Runs nghttp2's h2load (Debian nghttp2-client) against h2c URIs with the generate-auth-data body and headers:
 * duration-based ({@code -D}, after {@code --warm-up-time}), optionally paced ({@code --rps} per client), one
 * thread, a per-request log for the percentiles. Each run's output and log stay in the output directory.
 */
final class H2load {
    private final Path outDir;
    private final Path body;
    private final List<String> headers;
    private final int clients;
    private final int streams;

    H2load(Path outDir, Path body, List<String> headers, int clients, int streams) {
        this.outDir = outDir;
        this.body = body;
        this.headers = List.copyOf(headers);
        this.clients = clients;
        this.streams = streams;
    }

    /**
     * One run and what it measured; {@code nodeCpu}: the CPU time each node used during the measured period (from
     * the end of the warm-up to h2load's exit), empty when no nodes were given; {@code nodeJitCpu}: the part of it
     * each node's JIT compilers used (zero for a node that is not a JVM).
     */
    record Run(H2loadReport report, LatencyLog latencies, List<String> command, Map<String, Duration> nodeCpu,
            Map<String, Duration> nodeJitCpu) {
        /** CPU microseconds the nodes spent per request done, all nodes together. */
        double cpuMicrosPerRequest() {
            return cpuMicrosPerRequest(name -> true);
        }

        /** The same for the nodes whose name passes {@code which} (the proxies, without the UDM). */
        double cpuMicrosPerRequest(java.util.function.Predicate<String> which) {
            return perRequest(nodeCpu, which);
        }

        /** The JIT compilers' part of {@link #cpuMicrosPerRequest(java.util.function.Predicate)}. */
        double jitMicrosPerRequest(java.util.function.Predicate<String> which) {
            return perRequest(nodeJitCpu, which);
        }

        private double perRequest(Map<String, Duration> cpu, java.util.function.Predicate<String> which) {
            long nanos = cpu.entrySet().stream().filter(e -> which.test(e.getKey()))
                    .mapToLong(e -> e.getValue().toNanos()).sum();
            return report.done() == 0 ? 0 : nanos / 1000.0 / report.done();
        }
    }

    /** Fails with a clear message when h2load is not installed (CI: apt-get install nghttp2-client). */
    static String version() throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("h2load", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IOException("h2load is needed (Debian/Ubuntu: apt-get install nghttp2-client): " + e.getMessage(),
                    e);
        }
    }

    /** A single request on one connection: checks the path works (and, through the SEPPs, sets up N32). */
    Run once(String label, String uri) throws IOException, InterruptedException {
        return exec(label, List.of("-n", "1", "-c", "1", "-m", "1"), List.of(uri), Duration.ZERO, List.of());
    }

    /** As many requests as the nodes answer: {@code clients} connections, {@code streams} in flight on each. */
    Run max(String label, List<String> uris, Duration warmup, Duration duration, List<LabProcess> nodes)
            throws IOException, InterruptedException {
        return exec(label, timed(warmup, duration, OptionalInt.empty()), uris, warmup, nodes);
    }

    /** Paced at {@code rpsPerClient} on each connection. */
    Run paced(String label, List<String> uris, Duration warmup, Duration duration, int rpsPerClient,
            List<LabProcess> nodes) throws IOException, InterruptedException {
        return exec(label, timed(warmup, duration, OptionalInt.of(rpsPerClient)), uris, warmup, nodes);
    }

    /**
     * Paced as {@link #paced}, but one h2load process per connection, started {@link #TICK} / {@code clients} apart.
     * h2load sends a paced client's requests on a timer of no less than 10 ms (h2load.cc, nghttp2 1.52:
     * {@code rps_watcher.repeat = std::max(0.01, 1. / config.rps)}), and one process connects its clients at once: at
     * more than 100 req/s per client, each connection's requests of 10 ms leave together, and the connections' in
     * about the same instant, so {@link #paced} hands the chain 10 ms of the paced rate at once, every 10 ms, and its
     * p99 is the time to clear such a burst. Started apart, the connections' ticks fall at different instants of the
     * 10 ms: the same connections at the same rates, a quarter of the burst each (with the default four clients).
     */
    Run pacedSpread(String label, List<String> uris, Duration warmup, Duration duration, int rpsPerClient,
            List<LabProcess> nodes) throws IOException, InterruptedException {
        List<String> one = new ArrayList<>(List.of("-c", "1", "-m", Integer.toString(streams), "-t", "1", "-D",
                Long.toString(duration.toSeconds()), "--warm-up-time", Long.toString(warmup.toSeconds()), "--rps",
                Integer.toString(rpsPerClient)));
        return exec(label, Collections.nCopies(clients, one), uris, warmup, nodes,
                TICK.dividedBy(clients));
    }

    /** h2load's shortest pacing interval (see {@link #pacedSpread}). */
    static final Duration TICK = Duration.ofMillis(10);

    private List<String> timed(Duration warmup, Duration duration, OptionalInt rps) {
        List<String> a = new ArrayList<>(List.of("-c", Integer.toString(clients), "-m", Integer.toString(streams),
                "-t", "1", "-D", Long.toString(duration.toSeconds()), "--warm-up-time", Long.toString(warmup.toSeconds())));
        rps.ifPresent(r -> a.addAll(List.of("--rps", Integer.toString(r))));
        return a;
    }

    /** The per-request log ({@code --log-file}) of the run labelled {@code label}. */
    Path logOf(String label) {
        return outDir.resolve(label + ".h2load.log");
    }

    private Run exec(String label, List<String> load, List<String> uris, Duration warmup, List<LabProcess> nodes)
            throws IOException, InterruptedException {
        return exec(label, List.of(load), uris, warmup, nodes, Duration.ZERO);
    }

    /**
     * One h2load process per entry of {@code loads}, started {@code apart} from each other; one process writes
     * {@code label}'s files, several {@code label-1}'s, {@code label-2}'s... and their runs count as one.
     */
    private Run exec(String label, List<List<String>> loads, List<String> uris, Duration warmup,
            List<LabProcess> nodes, Duration apart) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<String> command = List.of();
        try {
            for (int i = 0; i < loads.size(); i++) {
                String name = loads.size() == 1 ? label : label + "-" + (i + 1);
                Path log = logOf(name);
                Path output = outDir.resolve(name + ".h2load.txt");
                Files.deleteIfExists(log); // h2load appends to an existing log file
                command = command(loads.get(i), log, uris);
                if (i > 0) {
                    LockSupport.parkNanos(apart.toNanos());
                }
                processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start());
                logs.add(log);
                outputs.add(output);
            }
            // h2load connects within milliseconds, so its warm-up ends about `warmup` after the start.
            processes.getFirst().waitFor(warmup.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Duration> before = new LinkedHashMap<>();
            Map<String, Duration> jitBefore = new LinkedHashMap<>();
            nodes.forEach(n -> before.put(n.name(), n.cpuTime()));
            nodes.forEach(n -> jitBefore.put(n.name(), ProcStatus.compilerCpu(n)));
            List<H2loadReport> reports = new ArrayList<>();
            List<LatencyLog.Entry> entries = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                Process p = processes.get(i);
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    throw new IOException("h2load did not finish in 10 minutes: " + command);
                }
                String text = Files.readString(outputs.get(i));
                if (p.exitValue() != 0) {
                    throw new IOException("h2load exited with " + p.exitValue() + ": " + text);
                }
                reports.add(H2loadReport.parse(text));
                entries.addAll(LatencyLog.entries(Files.readAllLines(logs.get(i))));
            }
            Map<String, Duration> used = new LinkedHashMap<>();
            Map<String, Duration> jit = new LinkedHashMap<>();
            nodes.forEach(n -> used.put(n.name(), n.cpuTime().minus(before.get(n.name()))));
            nodes.forEach(n -> jit.put(n.name(), ProcStatus.compilerCpu(n).minus(jitBefore.get(n.name()))));
            return new Run(H2loadReport.combined(reports), LatencyLog.of(entries), command, used, jit);
        } finally {
            processes.forEach(Process::destroyForcibly); // none left running after an exception (no-op once exited)
        }
    }

    private List<String> command(List<String> load, Path log, List<String> uris) {
        List<String> command = new ArrayList<>(List.of("h2load"));
        command.addAll(load);
        command.addAll(List.of("-d", body.toString()));
        for (String h : headers) {
            command.addAll(List.of("-H", h));
        }
        command.addAll(List.of("--log-file", log.toString()));
        command.addAll(uris);
        return command;
    }
}
