package org.keygate.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.PskLookup;
import org.keygate.tls.bc.TlsVersion;
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
 * keygate's Bouncy Castle TLS handler, client and server in memory (no sockets): a full PSK handshake (CAPIF-2e
 * suites, TS 33.122 6.5.2) and, on an established connection, 16 KiB of application data through both handlers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BcTlsPskBenchmark {
    private static final String IDENTITY = "api-invoker-bench";

    @Param({"TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_PSK_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"})
    public String suite;

    private BcTlsClientConfig clientConfig;
    private BcTlsServerConfig serverConfig;
    private EmbeddedChannel client;
    private EmbeddedChannel server;
    private final byte[] payload = new byte[16 * 1024];

    @Setup
    public void setUp() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretBytes psk = SecretBytes.copyOf(key);
        TlsVersion version = suite.startsWith("TLS_AES") ? TlsVersion.TLS_1_3 : TlsVersion.TLS_1_2;
        clientConfig = BcTlsClientConfig.builder().versions(version).cipherSuites(List.of(suite))
                .psk(new ExternalPsk(IDENTITY, psk)).build();
        serverConfig = BcTlsServerConfig.builder().versions(version).cipherSuites(List.of(suite))
                .pskLookup(PskLookup.of(Map.of(IDENTITY, psk))).build();
    }

    @Setup(Level.Invocation)
    public void connect() {
        client = new EmbeddedChannel(BcTlsHandler.client(clientConfig));
        server = new EmbeddedChannel(BcTlsHandler.server(serverConfig));
    }

    @TearDown(Level.Invocation)
    public void disconnect() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }

    @Benchmark
    public boolean handshake() {
        return shake();
    }

    @Benchmark
    public int handshakeThenSend16KiB() {
        shake();
        client.writeOutbound(Unpooled.wrappedBuffer(payload));
        pump(client, server);
        int received = 0;
        for (ByteBuf b = server.readInbound(); b != null; b = server.readInbound()) {
            received += b.readableBytes();
            b.release();
        }
        return received;
    }

    private boolean shake() {
        BcTlsHandler c = client.pipeline().get(BcTlsHandler.class);
        for (int i = 0; i < 10 && !c.handshakeFuture().isDone(); i++) {
            pump(client, server);
            pump(server, client);
        }
        if (!c.handshakeFuture().isSuccess()) {
            throw new IllegalStateException("handshake failed", c.handshakeFuture().cause());
        }
        return true;
    }

    private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
        from.runPendingTasks();
        for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
            to.writeInbound(out);
            to.runPendingTasks();
        }
    }
}
