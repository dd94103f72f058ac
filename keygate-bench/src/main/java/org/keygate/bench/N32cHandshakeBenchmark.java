package org.keygate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.keygate.bench.load.SeppPair;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.node.SeppNode;
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
 * schedule on both sides. The same SEPP pair as the load benchmark ({@link SeppPair}), both offering only the
 * mechanism measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class N32cHandshakeBenchmark {
    @Param({"PRINS", "TLS"})
    public String mechanism;

    private SeppNode home;
    private SeppNode visited;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path dir = Files.createTempDirectory("keygate-bench-");
        SeppPair.generatePki(dir);
        // No NF is reached: only N32-c runs. The home NF address is required by the configuration, never used.
        SeppPair pair = SeppPair.write(dir, SeppPair.Mode.valueOf(mechanism), SeppPair.loopback(9));
        home = SeppNode.start(SeppConfigLoader.load(pair.homeConfig()), Clock.systemUTC());
        visited = SeppNode.start(SeppConfigLoader.load(pair.visitedConfig()), Clock.systemUTC());
        handshake();
    }

    @TearDown(Level.Trial)
    public void stop() {
        visited.close();
        home.close();
    }

    @Benchmark
    public N32fContext handshake() throws Exception {
        return visited.establish(SeppPair.HOME).get(60, TimeUnit.SECONDS);
    }
}
