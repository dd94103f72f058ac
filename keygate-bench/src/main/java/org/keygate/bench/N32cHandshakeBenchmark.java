package org.keygate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.keygate.cli.lab.LabNetwork;
import org.keygate.cli.lab.LabTopology;
import org.keygate.sepp.context.N32fContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole N32-c handshake between two real SEPPs on loopback, on the open N32-c connection (TLS already up):
 * exchange-capability and, for PRINS, three exchange-params over HTTP/2, JSON both ways, the exporter and the key
 * schedule on both sides. The same SEPP pair as {@code keygate lab}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class N32cHandshakeBenchmark {
    @Param({"PRINS", "TLS"})
    public String homePrefers;

    private LabNetwork lab;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path dir = Files.createTempDirectory("keygate-bench-");
        LabNetwork.generatePki(dir);
        lab = LabNetwork.start(dir, LabTopology.of(0), homePrefers.equals("PRINS") ? "PRINS, TLS" : "TLS, PRINS",
                false);
        handshake();
    }

    @TearDown(Level.Trial)
    public void stop() {
        lab.close();
    }

    @Benchmark
    public N32fContext handshake() throws Exception {
        return lab.visited.establish("home").get(60, TimeUnit.SECONDS);
    }
}
