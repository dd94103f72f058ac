package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.LogCapture;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * Hostile input on a real N32-c server, sent by the JDK's own HTTP/2 client (a peer nobody here wrote) with the
 * visited SEPP's certificate: each case gets its status and ProblemDetails, and the server keeps serving.
 */
class N32cServerBadInputTest {
    private static final String VISITED = TestSepps.VISITED_PLMN.seppFqdn();

    @TempDir
    static Path dir;

    static TestSepps sepps;
    static SeppNode home;
    static HttpClient visitedClient;

    @BeforeAll
    static void start() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(List.of(SecurityCapability.PRINS, SecurityCapability.TLS)),
                Clock.systemUTC());
        visitedClient = client("visited");
    }

    @AfterAll
    static void stop() {
        if (home != null) {
            home.close();
        }
    }

    static HttpClient client(String identity) throws Exception {
        var f = sepps.files.get(identity);
        MutualTls tls = MutualTls.builder()
                .keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3", "TLSv1.2")).build();
        SSLContext ctx = tls.sslContext();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(ctx)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> post(HttpClient client, String operation, String contentType, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(operation)).timeout(Duration.ofSeconds(10))
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String operation) {
        return URI.create("https://localhost:" + home.n32cAddress().getPort() + "/n32c-handshake/v1/" + operation);
    }

    static JsonNode problem(HttpResponse<String> rsp) {
        assertThat(rsp.headers().firstValue("content-type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/problem+json"));
        // Refusals are messages keygate sends too: TS 29.571 ProblemDetails per the operation's responses.
        String path = rsp.uri().getPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        if (!operation.equals("exchange-everything") && rsp.statusCode() != 405) {
            OpenApiConformance.assertValidRawResponse(operation, rsp.statusCode(), "application/problem+json",
                    rsp.body());
        }
        return SbiJson.read(rsp.body().getBytes(), JsonNode.class);
    }

    @Test
    void validExchangeCapabilitySelectsPrinsOverHttp2() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "application/json",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"TLS\",\"PRINS\"]}");
        assertThat(rsp.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(SbiJson.read(rsp.body().getBytes(), JsonNode.class).get("selectedSecCapability").asText())
                .isEqualTo("PRINS");
    }

    @Test
    void curlDrivesExchangeCapabilityAsDocsLabShows() throws Exception {
        var visited = sepps.files.get("visited");
        int port = home.n32cAddress().getPort();
        String fqdn = TestSepps.HOME_PLMN.seppFqdn();
        Process p = new ProcessBuilder("curl", "-sS", "--http2", "--cert", visited.certChain().toString(), "--key",
                visited.privateKey().toString(), "--cacert", sepps.files.get("home").caCert().toString(),
                "--resolve", fqdn + ":" + port + ":127.0.0.1", "-H", "content-type: application/json",
                "-w", "\n%{http_version} %{http_code}", "-d",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"PRINS\",\"TLS\"]}",
                "https://" + fqdn + ":" + port + "/n32c-handshake/v1/exchange-capability")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"selectedSecCapability\":\"PRINS\"").endsWith("2 200");
    }

    /** Issue 12 item 8: TS 29.573 5.2 uses HTTP/2 only; curl offering http/1.1 (ALPN) gets no answer. */
    @Test
    void curlOverHttp11IsRefused() throws Exception {
        var visited = sepps.files.get("visited");
        int port = home.n32cAddress().getPort();
        String fqdn = TestSepps.HOME_PLMN.seppFqdn();
        Process p = new ProcessBuilder("curl", "-sS", "--http1.1", "--max-time", "20", "--cert",
                visited.certChain().toString(), "--key", visited.privateKey().toString(), "--cacert",
                sepps.files.get("home").caCert().toString(), "--resolve", fqdn + ":" + port + ":127.0.0.1",
                "-H", "content-type: application/json", "-w", "\n%{http_version} %{http_code}", "-d",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"PRINS\",\"TLS\"]}",
                "https://" + fqdn + ":" + port + "/n32c-handshake/v1/exchange-capability")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(35); // CURLE_SSL_CONNECT_ERROR: the no_application_protocol alert
        assertThat(out).doesNotContain("selectedSecCapability").endsWith(" 000");
    }

    @Test
    void unknownMembersAndEnumValuesFromAPeerAreAccepted() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "application/json", "{\"sender\":\"" + VISITED
                + "\",\"supportedSecCapabilityList\":[\"QUANTUM\",\"PRINS\"],\"rel20Member\":{\"a\":[1]},"
                + "\"intendedUsagePurpose\":[{\"usagePurpose\":\"NEW_PURPOSE\"}]}");
        assertThat(rsp.statusCode()).isEqualTo(200);
        assertThat(SbiJson.read(rsp.body().getBytes(), JsonNode.class).get("selectedSecCapability").asText())
                .isEqualTo("PRINS");
    }

    @Test
    void malformedJsonIsInvalidMsgFormat() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "application/json", "{\"sender\": ");
        assertThat(rsp.statusCode()).isEqualTo(400);
        assertThat(problem(rsp).get("cause").asText()).isEqualTo("INVALID_MSG_FORMAT");
    }

    @Test
    void eachRefusalIsLoggedOnceWithoutTheBody() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            var rsp = post(visitedClient, "exchange-capability", "application/json",
                    "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":\"BODY-MARKER-1234\"}");
            assertThat(rsp.statusCode()).isEqualTo(400);
            // The response is written after the log line; the line is there by now.
            assertThat(logs.keygateMessages()).singleElement().satisfies(m -> {
                assertThat(m).contains("exchange-capability refused", "400", "INVALID_MSG_FORMAT");
                assertThat(m).doesNotContain("BODY-MARKER-1234");
            });
        }
    }

    /** Issue 12 item 3: a partner's n32fMessageId cannot forge a log line of its own, nor make one 30 KB long. */
    @Test
    void aForgedMessageIdStaysInsideItsLogLine() throws Exception {
        String forged = "1\\n2026-01-01T00:00:00.000Z ERROR o.k.s.n32c.N32cService - forged" + "x".repeat(30_000);
        try (LogCapture logs = new LogCapture()) {
            var rsp = post(visitedClient, "n32f-error", "application/json", "{\"n32fMessageId\":\"" + forged
                    + "\",\"n32fErrorType\":\"INTEGRITY_CHECK_FAILED\"}");
            assertThat(rsp.statusCode()).isLessThan(300);
            assertThat(logs.keygateMessages()).singleElement().satisfies(m -> {
                assertThat(m).contains("reports N32-f error INTEGRITY_CHECK_FAILED for message 1\\n2026-01-01")
                        .doesNotContain("\n", "\r").hasSizeLessThan(600);
            });
        }
    }

    @Test
    void wrongMediaTypeIs415() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "text/plain", "{}");
        assertThat(rsp.statusCode()).isEqualTo(415);
        assertThat(problem(rsp).get("status").asInt()).isEqualTo(415);
    }

    @Test
    void missingMandatoryIeIsNamed() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "application/json", "{\"sender\":\"" + VISITED + "\"}");
        assertThat(rsp.statusCode()).isEqualTo(400);
        JsonNode p = problem(rsp);
        assertThat(p.get("cause").asText()).isEqualTo("MANDATORY_IE_MISSING");
        assertThat(p.get("invalidParams").get(0).get("param").asText()).isEqualTo("/supportedSecCapabilityList");
    }

    @Test
    void contextIdBreakingThePatternIsIncorrect() throws Exception {
        var rsp = post(visitedClient, "exchange-params", "application/json",
                "{\"n32fContextId\":\"not-hex-at-all!\",\"jweCipherSuiteList\":[\"A128GCM\"]}");
        assertThat(rsp.statusCode()).isEqualTo(400);
        JsonNode p = problem(rsp);
        assertThat(p.get("cause").asText()).isEqualTo("MANDATORY_IE_INCORRECT");
        assertThat(p.get("invalidParams").get(0).get("param").asText()).isEqualTo("/n32fContextId");
    }

    @Test
    void senderNotMatchingTheCertificateIsForbidden() throws Exception {
        var rsp = post(visitedClient, "exchange-capability", "application/json",
                "{\"sender\":\"sepp.5gc.mnc070.mcc999.3gppnetwork.org\",\"supportedSecCapabilityList\":[\"TLS\"]}");
        assertThat(rsp.statusCode()).isEqualTo(403);
        assertThat(problem(rsp).get("invalidParams").get(0).get("param").asText()).isEqualTo("/sender");
    }

    @Test
    void noneBesideACapabilityIsRefusedAndUnknownOnesSelectNone() throws Exception {
        var none = post(visitedClient, "exchange-capability", "application/json",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"NONE\",\"TLS\"]}");
        assertThat(none.statusCode()).isEqualTo(400);
        var unknown = post(visitedClient, "exchange-capability", "application/json",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"ALS\"]}");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(SbiJson.read(unknown.body().getBytes(), JsonNode.class).get("selectedSecCapability").asText())
                .isEqualTo("NONE");
    }

    @Test
    void oversizedBodyIs413AndTheServerGoesOn() throws Exception {
        String huge = "{\"sender\":\"" + "a".repeat(200_000) + "\"}";
        var rsp = post(visitedClient, "exchange-capability", "application/json", huge);
        assertThat(rsp.statusCode()).isEqualTo(413);
        validExchangeCapabilitySelectsPrinsOverHttp2();
    }

    @Test
    void unknownResourceAndWrongMethod() throws Exception {
        var rsp = post(visitedClient, "exchange-everything", "application/json", "{}");
        assertThat(rsp.statusCode()).isEqualTo(404);
        assertThat(problem(rsp).get("cause").asText()).isEqualTo("RESOURCE_URI_STRUCTURE_NOT_FOUND");
        var get = visitedClient.send(HttpRequest.newBuilder(uri("exchange-capability")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void clientCertificateFromAnUntrustedAnchorFailsTheTlsHandshake() throws Exception {
        HttpClient rogue = client("rogue");
        assertThatThrownBy(() -> post(rogue, "exchange-capability", "application/json",
                "{\"sender\":\"" + VISITED + "\",\"supportedSecCapabilityList\":[\"TLS\"]}"))
                .isInstanceOf(IOException.class);
        validExchangeCapabilitySelectsPrinsOverHttp2();
    }
}
