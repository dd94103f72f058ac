package org.keygate.sepp.nf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * Issue 11 item 1: partners send target apiRoots with {@code https}. The home SEPP serves both schemes and reaches
 * each home NF the way its homeNfs entry says: here a UDM over TLS under the operator's own CA, which asks for the
 * SEPP's client certificate, and a second UDM over h2c. Two SEPPs on loopback, PRINS and TLS mode.
 */
class HomeNfOverTlsTest {
    private static final String UDM = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final String UDM2 = "udm2.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final String GENERATE =
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;
    SbiServer tlsUdm;
    SbiServer h2cUdm;
    final List<String> arrived = new CopyOnWriteArrayList<>();
    final List<List<X509Certificate>> clientCertificates = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, home, tlsUdm, h2cUdm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private void start(List<SecurityCapability> priority, LabCa nfServerCa) throws Exception {
        sepps = new TestSepps(dir);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        LabCa operator = LabCa.create("operator NF CA", Duration.ofDays(1));
        LabCa.Issued nf = (nfServerCa == null ? operator : nfServerCa).issue(List.of(UDM), List.of());
        LabCa.Issued seppClient = operator.issue(List.of("sepp.5gc.mnc001.mcc001.3gppnetwork.org"), List.of());
        var serverContext = new NfTls(List.of(operator.certificate()), Optional.of(new TlsKeyMaterial(
                nf.keyPair().getPrivate(), List.of(nf.certificate())))).sslContext();
        SSLParameters serverParams = serverContext.getDefaultSSLParameters();
        serverParams.setNeedClientAuth(true);
        tlsUdm = SbiServer.builder().tls(serverContext, serverParams).bind(any).handler((r, c) -> {
            arrived.add("tls " + r.path());
            clientCertificates.add(c.peerCertificates());
            return CompletableFuture.completedFuture(SbiResponse.json(200, "{\"udm\":\"tls\"}".getBytes()));
        }).build().start();
        h2cUdm = SbiServer.builder().cleartext().bind(any).handler((r, c) -> {
            arrived.add("h2c " + r.path());
            return CompletableFuture.completedFuture(SbiResponse.json(200, "{\"udm\":\"h2c\"}".getBytes()));
        }).build().start();
        SeppConfig h = sepps.home(priority);
        h = h.withN32f(h.n32fListener().orElseThrow(), List.of(
                new NfRoute(UDM, tlsUdm.localAddress(), Optional.of(new NfTls(List.of(operator.certificate()),
                        Optional.of(new TlsKeyMaterial(seppClient.keyPair().getPrivate(),
                                List.of(seppClient.certificate())))))),
                new NfRoute(UDM2, h2cUdm.localAddress())));
        home = SeppNode.start(h, Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(priority), Clock.systemUTC());
    }

    private static ClearRequest generate(String scheme, String authority) {
        ObjectNode body = SbiJson.mapper().createObjectNode()
                .put("servingNetworkName", "5G:mnc099.mcc999.3gppnetwork.org")
                .put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        return new ClearRequest("POST", scheme, authority, GENERATE, null,
                List.of(Map.entry("content-type", "application/json"),
                        Map.entry("3gpp-sbi-originating-network-id", "999-99; src: SEPP-"
                                + TestSepps.VISITED_PLMN.seppFqdn())), body);
    }

    private ClearResponse prins(ClearRequest r) throws Exception {
        return visited.forwarder().forward(visited.config().peers().getFirst(), r).get(30, TimeUnit.SECONDS);
    }

    @Test
    void prinsWithHttpsTargetsReachesTheTlsNfWithTheClientCertificateAndTheH2cNf() throws Exception {
        start(TestSepps.PRINS_FIRST, null);
        visited.establish("home").get(30, TimeUnit.SECONDS);

        ClearResponse viaTls = prins(generate("https", UDM));
        assertThat(viaTls.status()).isEqualTo(200);
        assertThat(viaTls.body().path("udm").asText()).isEqualTo("tls");
        assertThat(clientCertificates).singleElement().satisfies(chain -> assertThat(chain.getFirst()
                .getSubjectAlternativeNames().toString()).contains("sepp.5gc.mnc001.mcc001.3gppnetwork.org"));
        // https with the default port names the same NF; the h2c route serves https targets too.
        assertThat(prins(generate("https", UDM + ":443")).status()).isEqualTo(200);
        ClearResponse viaH2c = prins(generate("https", UDM2));
        assertThat(viaH2c.status()).isEqualTo(200);
        assertThat(viaH2c.body().path("udm").asText()).isEqualTo("h2c");
        assertThat(prins(generate("http", UDM2)).status()).isEqualTo(200);
        assertThat(arrived).containsExactly("tls " + GENERATE, "tls " + GENERATE, "h2c " + GENERATE,
                "h2c " + GENERATE);
    }

    @Test
    void anNfWhoseCertificateIsNotFromTheOperatorsCaIsNotReached() throws Exception {
        start(TestSepps.PRINS_FIRST, LabCa.create("someone else's CA", Duration.ofDays(1)));
        visited.establish("home").get(30, TimeUnit.SECONDS);
        ClearResponse r = prins(generate("https", UDM));
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body().path("cause").asText()).isEqualTo("TARGET_NF_NOT_REACHABLE");
        assertThat(arrived).isEmpty();
    }

    @Test
    void tlsModeWithAnHttpsTargetApiRootReachesTheTlsNf() throws Exception {
        start(TestSepps.TLS_FIRST, null);
        visited.establish("home").get(30, TimeUnit.SECONDS);
        var f = sepps.files.get("visited");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(MutualTls.builder()
                        .keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                        .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                                PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                        .protocols(List.of("TLSv1.3")).build().sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> rsp = client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                        + home.n32fAddress().orElseThrow().getPort() + GENERATE)).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").header("3gpp-sbi-target-apiroot", "https://" + UDM)
                .header("3gpp-sbi-originating-network-id", "999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn())
                .POST(HttpRequest.BodyPublishers.ofString("{\"servingNetworkName\":\"5G:mnc099.mcc999."
                        + "3gppnetwork.org\",\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(200);
        assertThat(arrived).containsExactly("tls " + GENERATE);
    }
}
