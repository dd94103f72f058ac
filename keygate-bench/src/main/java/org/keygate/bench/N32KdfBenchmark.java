package org.keygate.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.crypto.secret.SecretBytes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The N32-f key schedule of one context: eight HKDF-Expand-SHA-256 runs (TS 33.501 13.2.4.4.1). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class N32KdfBenchmark {
    @Param({"A128GCM", "A256GCM"})
    public String enc;

    private N32MasterKey master;
    private N32fContextId initiator;
    private N32fContextId responder;
    private JweEnc jweEnc;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] m = new byte[N32MasterKey.LENGTH];
        random.nextBytes(m);
        master = N32MasterKey.of(SecretBytes.copyOf(m));
        initiator = N32fContextId.random(random);
        responder = N32fContextId.random(random);
        jweEnc = JweEnc.fromJoseName(enc).orElseThrow();
    }

    @Benchmark
    public N32fSessionKeys deriveContextKeys() {
        return N32fSessionKeys.derive(master, initiator, responder, jweEnc);
    }
}
