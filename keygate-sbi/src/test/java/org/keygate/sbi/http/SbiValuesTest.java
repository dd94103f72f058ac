package org.keygate.sbi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.json.SbiJson;

class SbiValuesTest {
    @Test
    void headersAreLowercasedKeepTheirOrderAndAreImmutable() {
        SbiHeaders h = SbiHeaders.of("Content-Type", "application/json", "3gpp-Sbi-Target-apiRoot", "https://a",
                "Via", "1", "via", "2");
        assertThat(h.entries()).extracting(Map.Entry::getKey)
                .containsExactly("content-type", "3gpp-sbi-target-apiroot", "via", "via");
        assertThat(h.first("CONTENT-TYPE")).contains("application/json");
        assertThat(h.all("Via")).containsExactly("1", "2");
        assertThat(h.first("accept")).isEmpty();
        SbiHeaders more = h.with("X-Extra", "y");
        assertThat(more.first("x-extra")).contains("y");
        assertThat(h.first("x-extra")).isEmpty();
        assertThat(SbiHeaders.empty().entries()).isEmpty();
        assertThatThrownBy(() -> h.entries().add(Map.entry("a", "b"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> SbiHeaders.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The names as the JDK lowercases them (Locale.ROOT), whatever they hold: ASCII, Latin-1, Turkish dotted I... */
    @Test
    void namesAreLowercasedAsTheJdkDoes() {
        java.util.Random random = new java.util.Random(20261204);
        char[] alphabet = "abcxyzABCXYZ019-_:.~ \u00c0\u00c9\u00df\u00ff\u0130\u0131\u212a\u03a3".toCharArray();
        for (int i = 0; i < 5_000; i++) {
            char[] name = new char[1 + random.nextInt(24)];
            for (int j = 0; j < name.length; j++) {
                name[j] = alphabet[random.nextInt(alphabet.length)];
            }
            String n = new String(name);
            SbiHeaders h = new SbiHeaders(List.of(Map.entry(n, "v")));
            assertThat(h.entries().get(0).getKey()).isEqualTo(n.toLowerCase(java.util.Locale.ROOT));
            assertThat(h.first(n.toLowerCase(java.util.Locale.ROOT))).contains("v");
        }
        String plain = "3gpp-sbi-target-apiroot";
        assertThat(new SbiHeaders(List.of(Map.entry(plain, "v"))).entries().get(0).getKey()).isSameAs(plain);
    }

    @Test
    void requestsSplitPathFromQueryAndNeverPrintTheirBody() {
        SbiRequest r = SbiRequest.json("POST", "/nudm-ueau/v1/imsi-001010000000001/security-information?x=1",
                "{\"k\":\"00112233445566778899aabbccddeeff\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(r.pathWithoutQuery()).isEqualTo("/nudm-ueau/v1/imsi-001010000000001/security-information");
        assertThat(r.contentType()).contains("application/json");
        assertThat(r.toString()).doesNotContain("00112233445566778899aabbccddeeff", "x=1");
        assertThat(new SbiRequest("GET", "/a", SbiHeaders.empty(), null).body()).isEmpty();
    }

    @Test
    void aProblemResponseCarriesTheProblemsStatusAndMediaType() {
        SbiResponse r = SbiResponse.problem(SbiCause.MANDATORY_IE_MISSING.problem("n32fContextId is missing"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"n32fContextId is missing\",\"cause\":\"MANDATORY_IE_MISSING\"}");
        assertThat(SbiResponse.noContent().status()).isEqualTo(204);
        assertThat(SbiResponse.json(201, new byte[2]).contentType()).contains("application/json");
        assertThatThrownBy(() -> SbiResponse.json(600, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void causesCarryTheStatusOfTs29500Table5272_1() {
        // Expected values copied from TS 29.500 Table 5.2.7.2-1, not computed.
        Map<SbiCause, Integer> table = Map.ofEntries(
                Map.entry(SbiCause.INVALID_API, 400), Map.entry(SbiCause.INVALID_MSG_FORMAT, 400),
                Map.entry(SbiCause.MANDATORY_IE_INCORRECT, 400), Map.entry(SbiCause.RESOURCE_CONTEXT_NOT_FOUND, 400),
                Map.entry(SbiCause.MODIFICATION_NOT_ALLOWED, 403), Map.entry(SbiCause.SUBSCRIPTION_NOT_FOUND, 404),
                Map.entry(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND, 404), Map.entry(SbiCause.INCORRECT_LENGTH, 411),
                Map.entry(SbiCause.NF_CONGESTION_RISK, 429), Map.entry(SbiCause.INSUFFICIENT_RESOURCES, 500),
                Map.entry(SbiCause.SYSTEM_FAILURE, 500), Map.entry(SbiCause.NF_FAILOVER, 500),
                Map.entry(SbiCause.NF_CONGESTION, 503), Map.entry(SbiCause.TIMED_OUT_REQUEST, 504));
        table.forEach((cause, status) -> assertThat(cause.status()).as(cause.name()).isEqualTo(status));
        for (SbiCause c : SbiCause.values()) {
            ProblemDetails p = c.problem("d");
            assertThat(p.cause()).isEqualTo(c.name());
            assertThat(p.status()).isEqualTo(c.status());
            assertThat(p.title()).isNotBlank();
        }
        assertThat(SbiCause.SYSTEM_FAILURE.title()).isEqualTo("Internal Server Error");
    }

    @Test
    void problemDetailsReadsUnknownMembersAndInvalidParams() {
        ProblemDetails p = SbiJson.read(("{\"status\":400,\"cause\":\"SOME_REL19_CAUSE\",\"supportedFeatures\":\"1\","
                + "\"invalidParams\":[{\"param\":\"/n32fContextId\",\"reason\":\"not 16 hex digits\"}],"
                + "\"accessTokenError\":{\"error\":\"invalid_client\"}}").getBytes(StandardCharsets.UTF_8),
                ProblemDetails.class);
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.cause()).isEqualTo("SOME_REL19_CAUSE");
        assertThat(p.invalidParams()).containsExactly(new InvalidParam("/n32fContextId", "not 16 hex digits"));
        assertThat(p.title()).isNull();
        assertThat(new ProblemDetails(null, null, 500, null, null, null, List.of()).invalidParams()).isNull();
    }
}
