package org.keygate.sepp.nf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.N32Role;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;

/**
 * Issue 19, item 2 at the home SEPP: an NF that drops the connection after reading the request may have processed
 * it, so it is not sent again, and the partner's answer names what happened (without the NF's address).
 */
class HomeNfForwarderTest {
    @TempDir
    Path dir;
    private ServerSocket nf;
    private HomeNfForwarder forwarder;

    @AfterEach
    void stop() throws Exception {
        if (forwarder != null) {
            forwarder.close();
        }
        if (nf != null) {
            nf.close();
        }
    }

    @Test
    void anNfThatDropsTheConnectionAfterTheRequestGetsNoSecondCopyAndThe5xxNamesWhy() throws Exception {
        nf = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        AtomicInteger connections = new AtomicInteger();
        Thread.ofPlatform().daemon().start(() -> {
            while (!nf.isClosed()) {
                try (Socket s = nf.accept()) {
                    connections.incrementAndGet();
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS (RFC 9113 6.5)
                    out.flush();
                    InputStream in = s.getInputStream();
                    byte[] seen = new byte[0];
                    while (!new String(seen, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\u0001\u0005")
                            && seen.length < 4096) { // a HEADERS frame with END_STREAM|END_HEADERS
                        byte[] chunk = in.readNBytes(1);
                        if (chunk.length == 0) {
                            break;
                        }
                        seen = java.util.Arrays.copyOf(seen, seen.length + 1);
                        seen[seen.length - 1] = chunk[0];
                    }
                } catch (Exception e) {
                    // closed: the test is over
                }
            }
        });
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), nf.getLocalPort());
        forwarder = new HomeNfForwarder(new NfRoutes(List.of(new NfRoute("udm.example.org", address))),
                Duration.ofSeconds(10), 1 << 20, null);
        N32fContext context = N32fContext.tls(new TestSepps(dir).peer("visited", TestSepps.VISITED_PLMN, 1),
                N32Role.RESPONDER, "c1", Instant.now(), Instant.now().plusSeconds(60));
        ClearResponse r = forwarder.deliver(context, new ClearRequest("GET", "http", "udm.example.org",
                "/nudm-sdm/v2/imsi-001010000000001/am-data", null, List.of(), null), "m1")
                .toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body().path("cause").asText()).isEqualTo("TARGET_NF_NOT_REACHABLE");
        assertThat(r.body().path("detail").asText()).contains("closed before a complete answer")
                .contains("may have been processed").doesNotContain(String.valueOf(address.getPort()));
        assertThat(connections.get()).isEqualTo(1);
    }
}
