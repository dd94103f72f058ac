package org.keygate.sepp;

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
}
