package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ipx.node.IpxNode;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/**
 * Issue 18, a Roaming Intermediary revoked while its connections are up: vSEPP -> IPX -> hSEPP on loopback, both SEPPs
 * configured with the IPX CA's CRL ({@code peers[].ipx.revocation}, refreshed every second) from an http server on
 * 127.0.0.1. The IPX's CA revokes its certificate: each SEPP's refresh that learns of it closes its N32-f connection
 * with the IPX (the visited SEPP's to it, the IPX's to the home SEPP), with a WARN line and
 * {@code keygate_tls_untrusted_connections_closed_total{peer="ipx:..."}}; the N32-f context between the SEPPs stays;
 * the visited SEPP's next handshake with the IPX is refused with {@code certificate_revoked}.
 */
class RevokedIntermediaryTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration REFRESH = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    IpxLab lab;
    HttpServer crlServer;
    final AtomicReference<byte[]> published = new AtomicReference<>();
    SeppNode home;
    SeppNode visited;
    IpxNode ipx;

    @BeforeEach
    void crlServer() throws Exception {
        lab = new IpxLab(dir);
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crlServer.createContext("/ipx.crl", exchange -> {
            byte[] body = published.get();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        crlServer.start();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, ipx, home}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        crlServer.stop(0);
    }

    @Test
    void anIntermediaryRevokedByItsCaLosesItsConnectionsAtBothSeppsAndIsRefusedWithCertificateRevoked()
            throws Exception {
        Instant now = Instant.now();
        published.set(lab.ipxRoot.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1).getEncoded());
        home = SeppNode.start(withIpxCrl(lab.home()), Clock.systemUTC(), RevokedIntermediaryTest::answer);
        ipx = IpxNode.start(lab.ipx(Optional.empty()));
        visited = SeppNode.start(withIpxCrl(IpxLab.with(lab.sepps.visited(TestSepps.PRINS_FIRST),
                IpxLab.modifiableServingNetworkName(), List.of(), lab.intermediary(false))), Clock.systemUTC(),
                RevokedIntermediaryTest::answer);

        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("through the IPX before the revocation")
                .isEqualTo(200);
        assertThat(active(ipx, "ipx-ipx")).as("the visited SEPP's connection to the IPX").isGreaterThanOrEqualTo(1);
        assertThat(active(home, "n32f-home")).as("the IPX's connection to the home SEPP").isGreaterThanOrEqualTo(1);

        try (LogCapture logs = new LogCapture()) {
            published.set(lab.ipxRoot.crl(List.of(lab.ipxKeys.chain().getFirst()), Instant.now(),
                    now.plus(Duration.ofDays(1)), 2).getEncoded());
            double visitedFetched = refreshes(visited);
            double homeFetched = refreshes(home);
            // Two fetches each: the second surely started after the new CRL was published.
            await(() -> refreshes(visited) >= visitedFetched + 2 && refreshes(home) >= homeFetched + 2,
                    "two CRL refreshes at each SEPP");

            await(() -> active(ipx, "ipx-ipx") == 0, "the visited SEPP's connection to the revoked IPX closed");
            await(() -> active(home, "n32f-home") == 0, "the revoked IPX's connection to the home SEPP closed");
            for (SeppNode sepp : List.of(visited, home)) {
                assertThat(sepp.meters().get("keygate_tls_untrusted_connections_closed_total")
                        .tag("peer", "ipx:" + IpxLab.IPX_ID).counter().count()).as(sepp.config().name())
                        .isGreaterThanOrEqualTo(1.0);
            }
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("after a CRL refresh: closing an N32-f "
                    + "connection of Roaming Intermediary " + IpxLab.IPX_ID + ": certificate CN=" + IpxLab.IPX_ID)
                    && m.contains("is revoked since") && m.contains("(CRL of CN=keygate test IPX root"));
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("Roaming Intermediary " + IpxLab.IPX_ID
                    + ": its certificate is no longer trusted after a CRL refresh: 1 connection(s) closed"));
            // The IPX holds no N32-f key: the context between the SEPPs is not compromised and stays.
            assertThat(visited.contexts().forPeer("home")).as("the context with the partner behind it").isNotEmpty();

            // The next request: the visited SEPP's handshake with the IPX is refused (RFC 8446 6.2).
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> send().get(30, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(N32fForwardingException.class);
            ProblemDetails problem = ((N32fForwardingException) t.getCause()).problem();
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
            await(() -> logs.keygateMessages().stream().anyMatch(m -> m.startsWith("ipx-ipx: TLS handshake with")
                    && m.endsWith("Received fatal alert: certificate_revoked")),
                    "the IPX receives certificate_revoked from the visited SEPP");
        }
    }

    /** {@code c} checking its IPX's certificates against the IPX CA's CRL on the local http server. */
    private SeppConfig withIpxCrl(SeppConfig c) {
        URI crl = URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ipx.crl");
        return new SeppConfig(c.name(), c.n32c(), c.n32cListener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                c.handshakeRetry(), c.peers(), c.n32fListener(), c.homeNfs(), c.sbiListener(), c.edge(), c.h2(),
                c.drainTimeout(), List.of(new AnchorRevocation(lab.ipxCa, new RevocationPolicy(
                        List.of(new CrlSource.Http(crl)), false, OnStaleRevocation.REFUSE, REFRESH))));
    }

    private static CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String id) {
        ObjectNode body = SbiJson.mapper().createObjectNode().put("authType", "5G_AKA");
        return CompletableFuture.completedFuture(
                new ClearResponse(200, List.of(Map.entry("content-type", "application/json")), body));
    }

    private CompletableFuture<ClearResponse> send() {
        ObjectNode body = SbiJson.mapper().createObjectNode().put("servingNetworkName",
                "5G:mnc099.mcc999.3gppnetwork.org");
        return visited.forwarder().forward(visited.config().peers().getFirst(), new ClearRequest("POST", "http",
                "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/imsi-999990000000001/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"), Map.entry("3gpp-sbi-originating-network-id",
                        "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), body));
    }

    private static double refreshes(SeppNode node) {
        return node.meters().get("keygate_tls_crl_refresh_total").tag("outcome", "ok").counter().count();
    }

    private static double active(SeppNode node, String server) {
        return node.meters().get("keygate_sbi_connections_active").tag("server", server).gauge().value();
    }

    private static double active(IpxNode node, String server) {
        return node.meters().get("keygate_sbi_connections_active").tag("server", server).gauge().value();
    }

    /** Polls {@code condition} for at most {@link #BOUND}, then asserts it. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
