package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.ipx.node.IpxNode;

/**
 * Issue 12 item 6: the home SEPP is dead (its port accepts and closes at once, so the test can count the IPX's
 * connects), and a burst of requests reaches the IPX. The IPX connects a few times (its backoff doubling), not once
 * per request, and answers every request with 504 TARGET_NF_NOT_REACHABLE naming the SEPP; its log has a few lines
 * and counts, not a line per request (item 5).
 */
class IpxNextHopBackoffTest {
    private static final int REQUESTS = 200;

    @TempDir
    Path dir;

    @Test
    void aBurstToADeadNextHopMakesAFewConnectsNotOnePerRequest() throws Exception {
        IpxLab lab = new IpxLab(dir);
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket dead = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!dead.isClosed()) {
                    try (Socket s = dead.accept()) {
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            try (IpxNode ipx = IpxNode.start(lab.ipx(Optional.empty(), dead.getLocalPort()))) {
                var files = lab.sepps.files.get("visited");
                MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(files.certChain(),
                        files.privateKey())).intermediaryAnchors(List.of(lab.ipxCa)).build();
                try (SbiClient client = SbiClient.builder().tls(tls.sslContext()).build();
                        LogCapture logs = new LogCapture()) {
                    SbiClientConnection c = client.connect(ipx.address(), tls.clientParameters(IpxLab.IPX_ID))
                            .get(30, TimeUnit.SECONDS);
                    String authority = TestSepps.HOME_PLMN.seppFqdn() + ":" + lab.sepps.homeN32fPort;
                    SbiRequest request = SbiRequest.json("POST", N32fProcessHandler.PROCESS,
                            "{\"reformattedData\":{}}".getBytes(StandardCharsets.UTF_8));
                    // One after the other: concurrent requests would share one connect attempt anyway.
                    for (int i = 0; i < REQUESTS; i++) {
                        SbiResponse r = c.send(request, authority, "https").get(30, TimeUnit.SECONDS);
                        assertThat(r.status()).isEqualTo(504);
                        ProblemDetails p = SbiJson.read(r.body(), ProblemDetails.class);
                        assertThat(p.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
                        assertThat(p.detail()).startsWith("SEPP home could not be reached");
                        // The receiving SEPP's address stays in the IPX's log, never in the answer to the other operator.
                        assertThat(p.detail()).doesNotContain(String.valueOf(lab.sepps.homeN32fPort))
                                .doesNotContain("127.0.0.1").doesNotContain("localhost");
                    }
                    // Issue 12 item 5: the first few failures per 10 s, then counts; not a line per request.
                    assertThat(logs.keygateMessages()).filteredOn(m -> m.startsWith("IPX: n32f-process from visited"))
                            .hasSizeBetween(1, 20);
                    assertThat(ipx.meters().find("keygate_ipx_refusals_total").tag("cause", "TARGET_NF_NOT_REACHABLE")
                            .counter().count()).isEqualTo(REQUESTS);
                }
            }
        }
        // At most one try per event loop per backoff step (250 ms, 500 ms, 1 s, ...): a burst answered within
        // seconds makes a handful; 20 leaves room for a slow machine, one per request would be 200.
        assertThat(accepted.get()).as("connects to the dead next hop").isBetween(1, 20);
    }
}
