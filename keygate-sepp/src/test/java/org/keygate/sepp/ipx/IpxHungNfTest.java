package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.node.SeppNode;
import org.keygate.ipx.node.IpxNode;
import org.keygate.ipx.node.IpxNodeConfig;

/**
 * Issue 12 item 7: a home NF that hangs, behind the home SEPP, behind the IPX, every hop with the same timeout. The
 * visited NF learns that the target NF did not answer in time (504 TIMED_OUT_REQUEST from the home SEPP), not that
 * "the Roaming Intermediary could not be reached": each hop tells the next how long it waits, less a margin, so the
 * hop nearest the hung NF gives up first and its answer arrives before the others give up.
 */
class IpxHungNfTest {
    private static final String NF = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aHungHomeNfIsReportedAsTheNfThatDidNotAnswerInTime() throws Exception {
        IpxLab lab = new IpxLab(dir);
        CountDownLatch nfGotIt = new CountDownLatch(1);
        AtomicReference<String> nfMaxRspTime = new AtomicReference<>();
        try (SbiServer nf = SbiServer.builder().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .cleartext().handler((r, c) -> {
                    nfMaxRspTime.set(r.headers().first(SbiCall.MAX_RSP_TIME).orElse(null));
                    nfGotIt.countDown();
                    return new CompletableFuture<>(); // hangs
                }).build().start();
                SeppNode home = SeppNode.start(withTimeout(lab.home(), List.of(new NfRoute(NF, nf.localAddress()))),
                        Clock.systemUTC());
                IpxNode ipx = IpxNode.start(withTimeout(lab.ipx(java.util.Optional.empty())));
                SeppNode visited = SeppNode.start(withTimeout(lab.visited(false), List.of()), Clock.systemUTC(),
                        (c, r, id) -> CompletableFuture.failedFuture(new IllegalStateException("not used")))) {
            visited.establish("home").get(30, TimeUnit.SECONDS);
            ClearRequest get = new ClearRequest("GET", "http", NF, "/nudm-sdm/v2/imsi-001010000000001/am", null,
                    List.of(Map.entry("3gpp-sbi-originating-network-id",
                            "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), null);

            ClearResponse answer = visited.forwarder().forward(visited.config().peers().getFirst(), get)
                    .get(30, TimeUnit.SECONDS);

            assertThat(nfGotIt.getCount()).isZero();
            assertThat(answer.status()).isEqualTo(504);
            assertThat(answer.body().path("cause").asText()).isEqualTo("TIMED_OUT_REQUEST");
            assertThat(answer.body().path("detail").asText()).isEqualTo("the target NF did not answer in time");
            // The IPX waits 3 s and tells the home SEPP less; the home SEPP tells its NF less again.
            assertThat(Long.parseLong(nfMaxRspTime.get())).isPositive().isLessThan(TIMEOUT.toMillis());
        }
    }

    private static SeppConfig withTimeout(SeppConfig c, List<NfRoute> nfs) {
        return new SeppConfig(c.name(), c.n32c(), c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                new HandshakeRetryPolicy(TIMEOUT, c.handshakeRetry().retries(), c.handshakeRetry().backoff()),
                c.peers(), c.n32fListener(), nfs, c.sbiListener(), c.edge());
    }

    private static IpxNodeConfig withTimeout(IpxNodeConfig c) {
        return new IpxNodeConfig(c.name(), c.providerId(), c.listener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.sepps(), c.modifications(), TIMEOUT, c.maxAnswerBodyBytes());
    }
}
