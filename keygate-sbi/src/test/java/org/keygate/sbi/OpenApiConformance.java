package org.keygate.sbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.keygate.sbi.json.SbiJson;

/**
 * Validates N32-c messages against the 3GPP Rel-18 OpenAPI file {@code TS29573_N32_Handshake.yaml} (and the
 * TS 29.571 common data it references) with Atlassian's swagger-request-validator: a validator nobody here wrote.
 */
public final class OpenApiConformance {
    private static OpenApiInteractionValidator validator;
    private static OpenApiInteractionValidator forwarding;
    private static OpenApiInteractionValidator rel19;

    private OpenApiConformance() {}

    public static Path sharedDir() {
        Path p = Path.of(System.getProperty("keygate.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("specs/openapi/Rel-18"))) {
            throw new IllegalStateException("the shared specs are expected at " + p
                    + " (clone the repository beside ../shared, or set -Dkeygate.shared)");
        }
        return p;
    }

    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            Path spec = sharedDir().resolve("specs/openapi/Rel-18/TS29573_N32_Handshake.yaml");
            validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                    .withBasePathOverride("/n32c-handshake/v1")
                    .build();
        }
        return validator;
    }

    static synchronized OpenApiInteractionValidator rel19() {
        if (rel19 == null) {
            Path spec = rel19Handshake();
            rel19 = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                    .withBasePathOverride("/n32c-handshake/v1")
                    .build();
        }
        return rel19;
    }

    /**
     * The Rel-19 TS29573_N32_Handshake.yaml beside the Rel-18 files it references: ../shared holds only a few Rel-19
     * files, and Rel-19's TS29571_CommonData.yaml references files of other APIs that are not there. The common
     * types the handshake uses (Fqdn, PlmnId, Uinteger, DurationSec, SupportedFeatures, ProblemDetails) are the same
     * in both releases.
     */
    private static Path rel19Handshake() {
        try {
            Path dir = Files.createTempDirectory("keygate-rel19-");
            dir.toFile().deleteOnExit();
            Path rel18 = sharedDir().resolve("specs/openapi/Rel-18");
            try (var files = Files.list(rel18)) {
                for (Path f : files.toList()) {
                    if (!f.getFileName().toString().equals("TS29573_N32_Handshake.yaml")) {
                        Files.createSymbolicLink(dir.resolve(f.getFileName()), f).toFile().deleteOnExit();
                    }
                }
            }
            Files.copy(sharedDir().resolve("specs/openapi/Rel-19/TS29573_N32_Handshake.yaml"),
                    dir.resolve("TS29573_N32_Handshake.yaml")).toFile().deleteOnExit();
            return dir.resolve("TS29573_N32_Handshake.yaml");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** exchange-capability members only Rel-18 (1.3.0) has, by request (true) and response (false). */
    private static java.util.Set<String> rel18Only(boolean request) {
        return request ? java.util.Set.of("senderN32fPort") : java.util.Set.of("senderN32fPortList");
    }

    /** exchange-capability members only Rel-19 (1.4.0) has. */
    private static java.util.Set<String> rel19Only(boolean request) {
        return request ? java.util.Set.of("senderN32fPortList", "n32KeepaliveTimer", "n32HandshakeId")
                : java.util.Set.of("senderN32fPort", "n32KeepaliveTimer", "n32HandshakeId");
    }

    /**
     * Asserts that an exchange-capability request ({@code request} true) or 200 answer carrying both releases'
     * members is valid for a partner of either release: the 3GPP schemas allow members they do not define (a
     * receiver ignores them, TS 29.501 5.2.7), while this validator refuses them; so each release's schema is applied
     * strictly to the message without the other release's own members.
     */
    public static void assertValidCapabilityInBothReleases(boolean request, Object body) {
        com.fasterxml.jackson.databind.node.ObjectNode json = SbiJson.mapper().valueToTree(body);
        com.fasterxml.jackson.databind.node.ObjectNode as18 = json.deepCopy();
        as18.remove(rel19Only(request));
        com.fasterxml.jackson.databind.node.ObjectNode as19 = json.deepCopy();
        as19.remove(rel18Only(request));
        assertThat(validateCapability(validator(), request, as18.toString()).getMessages())
                .as("Rel-18 exchange-capability %s", as18).isEmpty();
        assertThat(validateCapability(rel19(), request, as19.toString()).getMessages())
                .as("Rel-19 exchange-capability %s", as19).isEmpty();
    }

    private static ValidationReport validateCapability(OpenApiInteractionValidator v, boolean request, String json) {
        String path = "/n32c-handshake/v1/exchange-capability";
        return request
                ? v.validateRequest(SimpleRequest.Builder.post(path).withContentType("application/json")
                        .withBody(json).build())
                : v.validateResponse(path, Request.Method.POST, SimpleResponse.Builder.status(200)
                        .withContentType("application/json").withBody(json).build());
    }

    static synchronized OpenApiInteractionValidator forwarding() {
        if (forwarding == null) {
            Path spec = sharedDir().resolve("specs/openapi/Rel-18/TS29573_JOSEProtectedMessageForwarding.yaml");
            forwarding = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                    .withBasePathOverride("/n32f-forward/v1")
                    // ProblemDetailsMsgForwarding is an allOf: merged before validation, else each branch alone
                    // refuses the other's members.
                    .withResolveCombinators(true).build();
        }
        return forwarding;
    }

    /** Asserts that {@code body} is a valid N32fReformattedReqMsg (POST /n32f-forward/v1/n32f-process). */
    public static void assertValidN32fRequest(Object body) {
        String json = new String(SbiJson.write(body), StandardCharsets.UTF_8);
        ValidationReport report = forwarding().validateRequest(
                SimpleRequest.Builder.post("/n32f-forward/v1/n32f-process")
                        .withContentType("application/json").withBody(json).build());
        assertThat(report.getMessages()).as("n32f-process request %s", json).isEmpty();
    }

    /** Asserts that {@code body} is a valid 200 answer of n32f-process (N32fReformattedRspMsg). */
    public static void assertValidN32fResponse(Object body) {
        String json = new String(SbiJson.write(body), StandardCharsets.UTF_8);
        ValidationReport report = forwarding().validateResponse("/n32f-forward/v1/n32f-process", Request.Method.POST,
                SimpleResponse.Builder.status(200).withContentType("application/json").withBody(json).build());
        assertThat(report.getMessages()).as("n32f-process response %s", json).isEmpty();
    }

    /** Asserts that {@code body} is a valid {@code status} error answer of n32f-process. */
    public static void assertValidN32fProblem(int status, String body) {
        ValidationReport report = forwarding().validateResponse("/n32f-forward/v1/n32f-process", Request.Method.POST,
                SimpleResponse.Builder.status(status).withContentType("application/problem+json").withBody(body)
                        .build());
        assertThat(report.getMessages()).as("n32f-process %d answer %s", status, body).isEmpty();
    }

    /** Asserts that {@code body}, POSTed to {@code operation}, is a valid request. */
    public static void assertValidRequest(String operation, Object body) {
        String json = new String(SbiJson.write(body), StandardCharsets.UTF_8);
        ValidationReport report = validator().validateRequest(
                SimpleRequest.Builder.post("/n32c-handshake/v1/" + operation)
                        .withContentType("application/json").withBody(json).build());
        assertThat(report.getMessages()).as("%s request %s", operation, json).isEmpty();
    }

    /** Asserts that {@code body} is a valid {@code status} answer of {@code operation}. */
    public static void assertValidResponse(String operation, int status, Object body) {
        String json = new String(SbiJson.write(body), StandardCharsets.UTF_8);
        ValidationReport report = validator().validateResponse("/n32c-handshake/v1/" + operation,
                Request.Method.POST, SimpleResponse.Builder.status(status)
                        .withContentType("application/json").withBody(json).build());
        assertThat(report.getMessages()).as("%s response %s", operation, json).isEmpty();
    }

    /** Asserts that a raw answer (e.g. a ProblemDetails as sent on the wire) is valid for {@code operation}. */
    public static void assertValidRawResponse(String operation, int status, String contentType, String body) {
        ValidationReport report = validator().validateResponse("/n32c-handshake/v1/" + operation,
                Request.Method.POST, SimpleResponse.Builder.status(status).withContentType(contentType)
                        .withBody(body).build());
        assertThat(report.getMessages()).as("%s %d answer %s", operation, status, body).isEmpty();
    }

    /** The same check for raw JSON text, to show that the validator does reject what it should. */
    public static ValidationReport validateRequestJson(String operation, String json) {
        return validator().validateRequest(SimpleRequest.Builder.post("/n32c-handshake/v1/" + operation)
                .withContentType("application/json").withBody(json).build());
    }

    /** A raw exchange-capability request against the Rel-19 schema. */
    public static ValidationReport rel19Request(String json) {
        return validateCapability(rel19(), true, json);
    }
}
