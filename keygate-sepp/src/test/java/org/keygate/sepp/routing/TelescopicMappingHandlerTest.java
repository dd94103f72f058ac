package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.routing.RoutingFixtures.OWN;
import static org.keygate.sepp.routing.RoutingFixtures.VISITED;
import static org.keygate.sepp.routing.RoutingFixtures.fqdn;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sbi.OpenApiConformance;

/**
 * The nsepp-telescopic API on a real h2c server, its answers validated against {@code
 * TS29573_SeppTelescopicFqdnMapping.yaml} (Rel-18) with swagger-request-validator.
 */
class TelescopicMappingHandlerTest {
    private static final String MAPPING = "/nsepp-telescopic/v1/mapping";
    private static TelescopicFqdns fqdns;
    private static SbiServer server;
    private static SbiClient client;
    private static SbiClientConnection connection;
    private static OpenApiInteractionValidator validator;

    @BeforeAll
    static void start() throws Exception {
        fqdns = new TelescopicFqdns(OWN.seppFqdn(), 2);
        server = SbiServer.builder().name("telescopic").cleartext()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .handler(new TelescopicMappingHandler(fqdns)).build().start();
        client = SbiClient.builder().cleartext().build();
        connection = client.connect(server.localAddress(), null).get(10, TimeUnit.SECONDS);
        validator = OpenApiInteractionValidator.createForSpecificationUrl(OpenApiConformance.sharedDir()
                .resolve("specs/openapi/Rel-18/TS29573_SeppTelescopicFqdnMapping.yaml").toUri().toString())
                .withBasePathOverride("/nsepp-telescopic/v1").build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void mapsAForeignFqdnToALabelAndBack() throws Exception {
        String foreign = fqdn("udm", VISITED);
        JsonNode m = json(get(MAPPING + "?foreign-fqdn=" + foreign, 200));
        assertThat(m.get("seppDomain").asText()).isEqualTo(OWN.seppFqdn());
        String label = m.get("telescopicLabel").asText();
        assertThat(label).isEqualTo("udm-5gc-mnc099-mcc999-3gppnetwork-org");
        assertThat(json(get(MAPPING + "?telescopic-label=" + label, 200)).get("foreignFqdn").asText())
                .isEqualTo(foreign);
    }

    @Test
    void hashedLabelsAreRememberedAndBounded() throws Exception {
        TelescopicFqdns small = new TelescopicFqdns(OWN.seppFqdn(), 1);
        String label = small.labelFor(fqdn("my-udm", VISITED)).orElseThrow();
        assertThat(label).matches("^t[0-9a-f]{24}$");
        assertThat(small.labelFor(fqdn("my-udm", VISITED))).contains(label);
        assertThat(small.foreignFqdn(label)).contains(fqdn("my-udm", VISITED));
        assertThat(small.labelFor(fqdn("other-udm", VISITED))).as("table full").isEmpty();
        assertThat(small.labelFor(fqdn("udm", OWN))).as("own PLMN").isEmpty();
        assertThat(small.labelFor("udm.example.org")).isEmpty();
        assertThat(small.foreignFqdn("udm-example-org")).isEmpty();
    }

    @Test
    void badQueriesGetProblemDetailsThatTheSchemaAccepts() throws Exception {
        assertProblem(get(MAPPING, 400), "MANDATORY_QUERY_PARAM_MISSING");
        assertProblem(get(MAPPING + "?foreign-fqdn=" + fqdn("udm", VISITED) + "&telescopic-label=x", 400),
                "MANDATORY_QUERY_PARAM_INCORRECT");
        assertProblem(get(MAPPING + "?foreign-fqdn=udm.example.org", 400), "MANDATORY_QUERY_PARAM_INCORRECT");
        assertProblem(get(MAPPING + "?foreign-fqdn=%zz", 400), "MANDATORY_QUERY_PARAM_INCORRECT");
        assertThat(get(MAPPING + "?telescopic-label=nothing-here", 404).contentType())
                .contains(SbiResponse.PROBLEM_JSON);
        SbiResponse post = send(new SbiRequest("POST", MAPPING, SbiHeaders.empty(), new byte[0]));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().first("allow")).contains("GET");
        assertThat(get("/nsepp-telescopic/v1/other", 404).status()).isEqualTo(404);
    }

    @Test
    void theValidatorRejectsAWrongAnswer() {
        var report = validator.validateResponse(MAPPING, Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("{\"telescopicLabel\": 5}").build());
        assertThat(report.getMessages()).isNotEmpty();
    }

    private static void assertProblem(SbiResponse r, String cause) {
        assertThat(json(r).get("cause").asText()).isEqualTo(cause);
    }

    private static SbiResponse get(String path, int expectedStatus) throws Exception {
        SbiResponse r = send(new SbiRequest("GET", path, SbiHeaders.empty(), new byte[0]));
        assertThat(r.status()).as("GET %s", path).isEqualTo(expectedStatus);
        if (path.startsWith(MAPPING)) {
            String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
            SimpleRequest.Builder req = SimpleRequest.Builder.get(MAPPING);
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.contains("%zz")) {
                    String[] nv = pair.split("=", 2);
                    req.withQueryParam(nv[0], nv.length > 1 ? nv[1] : "");
                }
            }
            var report = validator.validateResponse(MAPPING, Request.Method.GET,
                    SimpleResponse.Builder.status(r.status()).withContentType(r.contentType().orElseThrow())
                            .withBody(new String(r.body(), StandardCharsets.UTF_8)).build());
            assertThat(report.getMessages()).as("answer to %s", path).isEmpty();
        }
        return r;
    }

    private static SbiResponse send(SbiRequest r) throws Exception {
        return connection.send(r, "sepp.local", "http").get(10, TimeUnit.SECONDS);
    }

    private static JsonNode json(SbiResponse r) {
        return SbiJson.read(r.body(), JsonNode.class);
    }
}
