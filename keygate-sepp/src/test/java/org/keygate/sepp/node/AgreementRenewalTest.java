package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.n32.n32c.N32Role;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.nf.NfRoute;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.testing.MutableClock;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * A partner that initiates once and never again, as Open5GS does (TLS mode): the JDK's HTTP/2 client with the
 * visited SEPP's certificate negotiates TLS over N32-c once and then only sends TLS-mode N32-f. The home SEPP
 * (responder, {@code initiate: false}) negotiates a new agreement itself before the first lapses (TS 33.501 13.5:
 * either SEPP may initiate), so the partner's traffic still passes after the first context's lifetime. A keygate
 * SEPP with the visited identity answers the home SEPP's N32-c.
 */
class AgreementRenewalTest {
    private static final String UDM = "udm.5gc.mnc001.mcc001.3gppnetwork.org";

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;
    SbiServer udm;
    HttpClient open5gs;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {visited, home, udm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    private HttpResponse<String> post(URI uri, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return open5gs.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> tlsModeRequest() throws Exception {
        return post(URI.create("https://localhost:" + home.n32fAddress().orElseThrow().getPort()
                        + "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data"),
                "{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
                        + "\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}",
                "3gpp-sbi-target-apiroot", "http://" + UDM,
                "3gpp-sbi-originating-network-id", "999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn());
    }

    private N32fContext await(Predicate<List<N32fContext>> until) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            List<N32fContext> live = home.contexts().forPeer("visited");
            if (until.test(live)) {
                return live.getLast();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + home.contexts().forPeer("visited"));
    }

    @Test
    void theResponderRenewsTheAgreementOfAPartnerThatNeverRenegotiates() throws Exception {
        sepps = new TestSepps(dir);
        udm = SbiServer.builder().cleartext().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler((r, c) -> CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes())))
                .build().start();
        MutableClock clock = new MutableClock(Instant.now());
        SeppConfig h = sepps.home(TestSepps.TLS_FIRST);
        home = SeppNode.start(h.withN32f(h.n32fListener().orElseThrow(), List.of(new NfRoute(UDM,
                udm.localAddress()))), clock);
        visited = SeppNode.start(sepps.visited(TestSepps.TLS_FIRST), Clock.systemUTC());
        var f = sepps.files.get("visited");
        open5gs = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(MutualTls.builder()
                        .keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                        .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                                PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                        .protocols(List.of("TLSv1.3")).build().sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        // Open5GS initiates once.
        assertThat(post(URI.create("https://localhost:" + home.n32cAddress().getPort()
                + "/n32c-handshake/v1/exchange-capability"), "{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn()
                + "\",\"supportedSecCapabilityList\":[\"TLS\"]}").statusCode()).isEqualTo(200);
        N32fContext first = home.contexts().current("visited").orElseThrow();
        assertThat(first.role()).isEqualTo(N32Role.RESPONDER);
        assertThat(tlsModeRequest().statusCode()).isEqualTo(200);

        // In the last tenth of the lifetime (TestSepps: 1 h) the home SEPP negotiates a new agreement itself.
        clock.advance(Duration.ofMinutes(55));
        N32fContext renewed = await(live -> live.size() == 2);
        assertThat(renewed.role()).isEqualTo(N32Role.INITIATOR);
        // The first one lapses; the partner, which never renegotiates, is still served.
        clock.advance(Duration.ofMinutes(6));
        await(live -> live.size() == 1 && live.getFirst().role() == N32Role.INITIATOR);
        HttpResponse<String> after = tlsModeRequest();
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }
}
