package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.EdgeSettings;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * A partner SEPP that never inserts {@code 3gpp-Sbi-Originating-Network-Id}, as Open5GS in TLS mode: the JDK's
 * HTTP/2 client with the visited SEPP's certificate negotiates TLS over N32-c, then sends a TLS-mode request to the
 * home SEPP's N32-f listener without the header. Refused by default (TS 33.501 5.9.3.2); filled from the partner's
 * PLMN when the operator sets {@code fillOriginatingNetworkId} for it.
 */
class PartnerWithoutOriginatingNetworkIdTest {
    private static final String UDM = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final String GENERATE =
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SbiServer udm;
    final List<SbiRequest> atUdm = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (home != null) {
            home.close();
        }
        if (udm != null) {
            udm.close();
        }
    }

    private void start(Set<String> fill) throws Exception {
        sepps = new TestSepps(dir);
        udm = SbiServer.builder().cleartext().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler((r, c) -> {
                    atUdm.add(r);
                    return CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes()));
                }).build().start();
        SeppConfig h = sepps.home(TestSepps.TLS_FIRST);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute(UDM, udm.localAddress())));
        EdgeSettings e = h.edge();
        h = h.withEdge(new EdgeSettings(e.routing(), e.rateLimits(), e.plmnIdCheck(), e.topologyHiding(),
                e.inboundApis(), fill));
        home = SeppNode.start(h, Clock.systemUTC());
    }

    /** Open5GS's side: TLS agreed over N32-c, then one TLS-mode request without the header. */
    private HttpResponse<String> open5gsSends() throws Exception {
        var f = sepps.files.get("visited");
        MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3")).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> capability = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                        + home.n32cAddress().getPort() + "/n32c-handshake/v1/exchange-capability"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn()
                        + "\",\"supportedSecCapabilityList\":[\"TLS\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(capability.statusCode()).isEqualTo(200);
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + home.n32fAddress().orElseThrow()
                        .getPort() + GENERATE)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("3gpp-sbi-target-apiroot", "http://" + UDM)
                .POST(HttpRequest.BodyPublishers.ofString("{\"servingNetworkName\":\"5G:mnc099.mcc999."
                        + "3gppnetwork.org\",\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void byDefaultTheRequestIsRefused() throws Exception {
        start(Set.of());
        HttpResponse<String> rsp = open5gsSends();
        assertThat(rsp.statusCode()).isEqualTo(400);
        JsonNode problem = SbiJson.read(rsp.body().getBytes(), JsonNode.class);
        assertThat(problem.path("cause").asText()).isEqualTo("MANDATORY_IE_MISSING");
        assertThat(problem.path("invalidParams").get(0).path("param").asText())
                .isEqualTo("3gpp-Sbi-Originating-Network-Id");
        assertThat(atUdm).isEmpty();
    }

    @Test
    void withFillTheHeaderIsFilledFromThePartnersPlmnAndCounted() throws Exception {
        start(Set.of("visited"));
        HttpResponse<String> rsp = open5gsSends();
        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(200);
        assertThat(atUdm).singleElement().satisfies(r -> assertThat(r.headers()
                .first("3gpp-sbi-originating-network-id"))
                .hasValue("999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn()));
        assertThat(home.meters().counter(CheckedInbound.FILLED, "peer", "visited").count()).isEqualTo(1.0);
    }
}
