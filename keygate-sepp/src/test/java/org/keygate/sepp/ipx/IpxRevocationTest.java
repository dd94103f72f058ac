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
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ServedSepp;
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
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/**
 * Issue 18, the IPX node's own revocation: vSEPP -> IPX -> hSEPP on loopback, the home SEPP's certificate issued by a
 * CA of its own whose CRL an http server on 127.0.0.1 publishes, and the IPX configured with that CRL for the home
 * anchor ({@code sepps[].revocation}, refreshed every second). The home CA revokes the home SEPP's certificate: the
 * IPX's refresh that learns of it closes its open connection to the home SEPP (the visited SEPP's connection to the IPX
 * stays), and the IPX's next handshake with the home SEPP is refused with {@code certificate_revoked}, which the home
 * SEPP receives.
 */
class IpxRevocationTest {
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
        crlServer.createContext("/home.crl", exchange -> {
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
    void aServedSeppRevokedByItsCaLosesItsConnectionAndIsRefusedWithCertificateRevoked() throws Exception {
        LabCa homeCa = LabCa.create("home CA that revokes", Duration.ofDays(2));
        LabCa.Issued homeLeaf = homeCa.issue(List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"),
                List.of(InetAddress.getLoopbackAddress()));
        Instant now = Instant.now();
        published.set(homeCa.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1).getEncoded());

        SeppConfig h = lab.home();
        home = SeppNode.start(new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(),
                new TlsKeyMaterial(homeLeaf.keyPair().getPrivate(), List.of(homeLeaf.certificate(),
                        homeCa.certificate())), h.tlsProtocols(), h.handshakeRetry(), h.peers(), h.n32fListener(),
                h.homeNfs(), h.sbiListener(), h.edge()), Clock.systemUTC(), IpxRevocationTest::answer);
        ipx = IpxNode.start(ipxConfig(homeCa));
        SeppConfig v = lab.sepps.visited(TestSepps.PRINS_FIRST);
        PeerSepp p = v.peers().getFirst();
        PeerSepp homePeer = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(), homeCa.certificate(),
                p.initiate(), p.n32fAddress(), p.protectionPolicy());
        visited = SeppNode.start(IpxLab.with(new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(),
                v.keyMaterial(), v.tlsProtocols(), v.handshakeRetry(), List.of(homePeer), v.n32fListener(),
                v.homeNfs(), v.sbiListener(), v.edge()), IpxLab.modifiableServingNetworkName(), List.of(),
                lab.intermediary(false)), Clock.systemUTC(), IpxRevocationTest::answer);

        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).as("through the IPX before the revocation")
                .isEqualTo(200);
        assertThat(active(home, "n32f-home")).as("the IPX's connection to the home SEPP").isGreaterThanOrEqualTo(1);
        assertThat(active(ipx, "ipx-ipx")).as("the visited SEPP's connection to the IPX").isGreaterThanOrEqualTo(1);
        double visitedToIpx = active(ipx, "ipx-ipx");

        try (LogCapture logs = new LogCapture()) {
            published.set(homeCa.crl(List.of(homeLeaf.certificate()), Instant.now(), now.plus(Duration.ofDays(1)),
                    2).getEncoded());
            double fetched = refreshes();
            // Two fetches: the second surely started after the new CRL was published. One refresh interval each.
            await(() -> refreshes() >= fetched + 2, "two CRL refreshes at the IPX");

            // The refresh that learnt of it closed the IPX's connection to the revoked SEPP, and only that one.
            await(() -> active(home, "n32f-home") == 0, "the IPX's connection to the revoked home SEPP closed");
            assertThat(ipx.meters().get("keygate_tls_untrusted_connections_closed_total").tag("peer", "home")
                    .counter().count()).isGreaterThanOrEqualTo(1.0);
            assertThat(active(ipx, "ipx-ipx")).as("the visited SEPP's connection stays").isEqualTo(visitedToIpx);
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("IPX ipx: after a CRL refresh: closing a "
                    + "connection of home: certificate CN=" + TestSepps.HOME_PLMN.seppFqdn())
                    && m.contains("is revoked since") && m.contains("(CRL of CN=home CA that revokes"));

            // The next request makes the IPX dial the home SEPP: refused with certificate_revoked (RFC 8446 6.2).
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> send().get(30, TimeUnit.SECONDS));
            assertThat(t).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(N32fForwardingException.class);
            ProblemDetails problem = ((N32fForwardingException) t.getCause()).problem();
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
            await(() -> logs.keygateMessages().stream().anyMatch(m -> m.startsWith("n32f-home: TLS handshake with")
                    && m.endsWith("Received fatal alert: certificate_revoked")),
                    "the home SEPP receives certificate_revoked from the IPX");
        }
        assertThat(ipx.meters().get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    /** The lab's IPX, with the home SEPP under {@code homeCa} and that CA's CRL from the local http server. */
    private IpxNodeConfig ipxConfig(LabCa homeCa) throws Exception {
        IpxNodeConfig c = lab.ipx(Optional.empty());
        List<ServedSepp> sepps = c.sepps().stream().map(s -> s.name().equals("home")
                ? new ServedSepp(s.name(), s.plmnIds(), homeCa.certificate(), s.nextHop(), s.ri()) : s).toList();
        URI crl = URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/home.crl");
        return new IpxNodeConfig(c.name(), c.providerId(), c.listener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                sepps, c.modifications(), c.nextHopTimeout(), c.maxAnswerBodyBytes(), c.h2(),
                List.of(new AnchorRevocation(homeCa.certificate(), new RevocationPolicy(
                        List.of(new CrlSource.Http(crl)), false, OnStaleRevocation.REFUSE, REFRESH))),
                c.tlsProvider());
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

    private double refreshes() {
        return ipx.meters().get("keygate_tls_crl_refresh_total").tag("outcome", "ok").counter().count();
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
