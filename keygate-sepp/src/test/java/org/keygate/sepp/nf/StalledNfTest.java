package org.keygate.sepp.nf;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;

/**
 * Issue 12 item 2: a home NF that stops answering (as under SIGSTOP) and then recovers leaves no connection behind.
 * Before the connection pool, the forwarder dropped the connection of a failed request without closing it, and the
 * home SEPP's open FDs grew with every stall.
 */
class StalledNfTest {
    private static final String NF = "udm.5gc.mnc001.mcc001.3gppnetwork.org";

    @TempDir
    Path dir;

    @Test
    void connectionsToAStalledNfAreNotLeakedAndTheFdCountComesBack() throws Exception {
        AtomicBoolean stalled = new AtomicBoolean();
        SimpleMeterRegistry nfMeters = new SimpleMeterRegistry();
        try (SbiServer nf = SbiServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .cleartext().meterRegistry(nfMeters)
                .handler((r, c) -> stalled.get() ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(SbiResponse.noContent()))
                .build().start();
                HomeNfForwarder forwarder = new HomeNfForwarder(new NfRoutes(List.of(new NfRoute(NF,
                        nf.localAddress()))), Duration.ofMillis(300), 65536, null)) {
            N32fContext context = N32fContext.tls(new TestSepps(dir).peer("visited", TestSepps.VISITED_PLMN, 1),
                    N32Role.RESPONDER, "c1", Instant.now(), Instant.now().plusSeconds(60));
            assertThat(deliver(forwarder, context).status()).isEqualTo(204);
            long before = openFds();

            for (int stall = 0; stall < 2; stall++) {
                stalled.set(true);
                List<CompletionStage<ClearResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    answers.add(forwarder.deliver(context, request(), "m" + i));
                }
                for (CompletionStage<ClearResponse> a : answers) {
                    assertThat(a.toCompletableFuture().get(10, TimeUnit.SECONDS).status()).isEqualTo(504);
                }
                stalled.set(false);
                for (int i = 0; i < 30; i++) {
                    assertThat(deliver(forwarder, context).status()).isEqualTo(204);
                }
            }
            // One connection to the NF, before and after: none opened per failed request, none left open.
            assertThat(nfMeters.get("keygate_sbi_connections_active").gauge().value()).isEqualTo(1.0);
            // Each leaked connection would hold two descriptors here (both ends are in this process): 120 for the
            // 60 timed-out requests. A few are allowed for what the JVM opens meanwhile.
            assertThat(openFds()).isLessThanOrEqualTo(before + 4);
        }
    }

    private static ClearResponse deliver(HomeNfForwarder f, N32fContext context) throws Exception {
        return f.deliver(context, request(), "m").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static ClearRequest request() {
        return new ClearRequest("GET", "http", NF, "/nudm-sdm/v2/imsi-001010000000001/am", null, List.of(), null);
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
