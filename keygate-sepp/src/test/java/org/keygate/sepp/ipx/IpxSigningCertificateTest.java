package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.IpxProviderSecInfo;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;
import org.keygate.ipx.node.IpxFixtures;
import org.keygate.ipx.node.IpxNode;

/**
 * Issue 18 item 2, last sentence: IPX signing keys that the visited SEPP announces as certificates
 * (IpxProviderSecInfo certificateList) are checked by the home SEPP as the IPX's TLS certificates are: under the IPX's
 * trust anchor ({@code peers[].ipx.trustAnchor}) and against its CRLs ({@code peers[].ipx.revocation}), a CRL served
 * by an http server on 127.0.0.1. vSEPP, the IPX node and hSEPP all real, on loopback.
 */
class IpxSigningCertificateTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    IpxLab lab;
    HttpServer crlServer;
    final AtomicReference<byte[]> published = new AtomicReference<>();
    SeppNode home;
    SeppNode visited;
    IpxNode ipx;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void lab() throws Exception {
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
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {visited, ipx, home}) {
            if (c != null) {
                c.close();
            }
        }
        crlServer.stop(0);
    }

    /** hSEPP with the IPX's CRL at the local server, the IPX signing with {@code signer}, vSEPP announcing it. */
    private void start(LabCa.Issued signer) throws Exception {
        Instant now = Instant.now();
        published.set(lab.ipxRoot.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1).getEncoded());
        URI crl = URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ipx.crl");
        SeppConfig h = lab.home();
        SeppConfig homeConfig = new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(), h.keyMaterial(),
                h.tlsProtocols(), h.handshakeRetry(), h.peers(), h.n32fListener(), h.homeNfs(), h.sbiListener(),
                h.edge(), h.h2(), h.drainTimeout(), List.of(new AnchorRevocation(lab.ipxCa, new RevocationPolicy(
                        List.of(new CrlSource.Http(crl)), false, OnStaleRevocation.REFUSE, Duration.ofSeconds(1)))));
        home = SeppNode.start(homeConfig, Clock.systemUTC(), this::answer);
        ipx = IpxNode.start(lab.ipx(Optional.of(IpxFixtures.modifications(signer.keyPair(),
                IpxFixtures.rule("replace", IpxLab.SNN_POINTER, IpxLab.MODIFIED_SNN)))));
        String der = Base64.getEncoder().encodeToString(signer.certificate().getEncoded());
        visited = SeppNode.start(IpxLab.with(lab.sepps.visited(org.keygate.sepp.TestSepps.PRINS_FIRST),
                IpxLab.modifiableServingNetworkName(), List.of(new IpxProviderSecInfo(IpxLab.IPX_ID, null,
                        List.of(der))), lab.intermediary(true)), Clock.systemUTC(), this::answer);
    }

    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
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
        return home.meters().get("keygate_tls_crl_refresh_total").tag("outcome", "ok").counter().count();
    }

    @Test
    void aCertifiedIpxKeyVerifiesUntilItsCaRevokesItThenModificationsAndNewHandshakesAreRefused() throws Exception {
        LabCa.Issued signer = lab.ipxRoot.issue(List.of("signer." + IpxLab.IPX_ID), List.of());
        start(signer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(send().get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(delivered.getFirst().body().path("servingNetworkName").asText()).as("modified by the IPX")
                .isEqualTo(IpxLab.MODIFIED_SNN);

        published.set(lab.ipxRoot.crl(List.of(signer.certificate()), Instant.now(),
                Instant.now().plus(Duration.ofDays(1)), 2).getEncoded());
        double fetched = refreshes();
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (refreshes() < fetched + 2 && System.nanoTime() < deadline) {
            Thread.sleep(100); // two fetches: the second surely started after the new CRL was published
        }
        assertThat(refreshes()).as("CRL refreshed").isGreaterThanOrEqualTo(fetched + 2);

        // The context agreed before the revocation still stands; modifications signed with the revoked key do not.
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> send().get(30, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class).cause().isInstanceOf(N32fForwardingException.class);
        ProblemDetails p = ((N32fForwardingException) t.getCause()).problem();
        assertThat(p.status()).isEqualTo(403);
        assertThat(p.cause()).isEqualTo("INTEGRITY_CHECK_ON_MODIFICATIONS_FAILED");
        assertThat(delivered).hasSize(1);

        // A new handshake announcing it: the home SEPP refuses the exchange-params that carries it.
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("OPTIONAL_IE_INCORRECT");
        assertThat(home.meters().get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aSigningCertificateFromAnotherCaIsRefusedInExchangeParams() throws Exception {
        LabCa elsewhere = LabCa.create("not the IPX's CA", Duration.ofDays(2));
        start(elsewhere.issue(List.of("signer." + IpxLab.IPX_ID), List.of()));
        assertThatThrownBy(() -> visited.establish("home").get(30, TimeUnit.SECONDS))
                .hasStackTraceContaining("OPTIONAL_IE_INCORRECT");
        assertThat(home.contexts().all()).as("nothing agreed").isEmpty();
        assertThat(delivered).isEmpty();
    }
}
