package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * A partner that ends its N32 agreement the way Open5GS does at shutdown: exchange-capability offering only
 * {@code NONE} (TS 29.573 6.1.6.3.3). The client is the JDK's HTTP/2 client with the visited SEPP's certificate.
 */
class PartnerEndsAgreementTest {
    private static final String VISITED = TestSepps.VISITED_PLMN.seppFqdn();

    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visited;

    private HttpClient client() throws Exception {
        var f = sepps.files.get("visited");
        MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3")).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HttpResponse<String> post(HttpClient client, String operation, String contentType, String body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + home.n32cAddress().getPort()
                        + "/n32c-handshake/v1/" + operation)).timeout(Duration.ofSeconds(10))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    @Test
    void noneAtShutdownEndsTheTlsAgreementAndIsAnsweredWithNone() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        HttpClient open5gs = client();
        String tls = "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"TLS\"]}";
        assertThat(post(open5gs, "exchange-capability", "application/json", tls)
                .statusCode()).isEqualTo(200);
        assertThat(home.contexts().current("visited")).hasValueSatisfying(
                c -> assertThat(c.capability()).isEqualTo(SecurityCapability.TLS));

        String none = "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"NONE\"]}";
        assertThat(OpenApiConformance.validateRequestJson("exchange-capability", none).hasErrors()).isFalse();
        var rsp = post(open5gs, "exchange-capability", "application/json", none);

        assertThat(rsp.statusCode()).isEqualTo(200);
        OpenApiConformance.assertValidRawResponse("exchange-capability", 200, "application/json", rsp.body());
        assertThat(SbiJson.read(rsp.body().getBytes(), JsonNode.class).path("selectedSecCapability").asText())
                .isEqualTo("NONE");
        assertThat(home.contexts().all()).isEmpty();
    }

    @Test
    void noneEndsAPrinsContextNegotiatedByAKeygatePeer() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(home.contexts().current("visited")).isPresent();

        var rsp = post(client(), "exchange-capability",
                "application/json", "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"NONE\"]}");

        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(home.contexts().all()).isEmpty();
    }
}
