package org.keygate.labnf;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.charset.StandardCharsets;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.OpenApiConformance;

/**
 * Nudm_UEAU messages checked against {@code TS29503_Nudm_UEAU.yaml} (Rel-18, with the TS 29.571 common data) by
 * swagger-request-validator, a validator nobody here wrote.
 */
final class UeauConformance {
    private static OpenApiInteractionValidator validator;

    private UeauConformance() {}

    /**
     * The validator's JSON-schema library only accepts a discriminator property typed plainly as a string, while
     * TS 29.503 types {@code avType} as an extensible {@code anyOf} of strings, so the discriminator of
     * AuthenticationVector is dropped after parsing. Its {@code oneOf} still tells the two vector types apart:
     * AvEapAkaPrime requires ckPrime and ikPrime, Av5GHeAka requires xresStar and kausf.
     */
    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            options.setResolveFully(true);
            OpenAPI api = new OpenAPIV3Parser().read(OpenApiConformance.sharedDir()
                    .resolve("specs/openapi/Rel-18/TS29503_Nudm_UEAU.yaml").toUri().toString(), null, options);
            assertThat(api).as("TS29503_Nudm_UEAU.yaml parsed").isNotNull();
            Schema<?> vector = api.getComponents().getSchemas().get("AuthenticationVector");
            assertThat(vector.getDiscriminator()).isNotNull();
            vector.setDiscriminator(null);
            validator = OpenApiInteractionValidator.createFor(api).withBasePathOverride("/nudm-ueau/v1").build();
        }
        return validator;
    }

    static void assertValidRequest(SbiRequest r) {
        var report = validator().validateRequest(SimpleRequest.Builder.post(r.pathWithoutQuery())
                .withContentType(r.contentType().orElse("application/json"))
                .withBody(new String(r.body(), StandardCharsets.UTF_8)).build());
        assertThat(report.getMessages()).as("request %s", new String(r.body(), StandardCharsets.UTF_8)).isEmpty();
    }

    /** Proof that the validator has teeth: a 5G HE AV without kausf, or with a short RAND, is rejected. */
    static java.util.List<String> problemsOfResult(String path, String json) {
        return validator().validateResponse(path, Request.Method.POST, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody(json).build()).getMessages().stream()
                .map(m -> m.getMessage()).toList();
    }

    static void assertValidResponse(String path, SbiResponse r) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(r.status())
                .withContentType(r.contentType().orElseThrow()).withBody(new String(r.body(), StandardCharsets.UTF_8));
        r.headers().entries().forEach(h -> b.withHeader(h.getKey(), h.getValue()));
        var report = validator().validateResponse(path, Request.Method.POST, b.build());
        assertThat(report.getMessages()).as("%d answer %s: %s", r.status(), new String(r.body(), StandardCharsets.UTF_8),
                report.getMessages().stream().map(m -> m.getMessage() + " " + m.getAdditionalInfo() + " "
                        + m.getNestedMessages()).toList()).isEmpty();
    }
}
