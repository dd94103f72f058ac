package org.keygate.capif;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates CAPIF messages against the 3GPP Rel-18 OpenAPI files {@code TS29222_*.yaml} (and the TS 29.122 /
 * TS 29.571 common data they reference) with Atlassian's swagger-request-validator, a validator nobody here wrote.
 * Messages are checked as they were on the wire (method, path with query, status, content type, body octets).
 */
public final class CapifOpenApi {
    /** The CAPIF APIs keygate serves or calls, with their OpenAPI file and API root. */
    public enum Api {
        INVOKER_MANAGEMENT("TS29222_CAPIF_API_Invoker_Management_API.yaml", "/api-invoker-management/v1"),
        PROVIDER_MANAGEMENT("TS29222_CAPIF_API_Provider_Management_API.yaml", "/api-provider-management/v1"),
        PUBLISH("TS29222_CAPIF_Publish_Service_API.yaml", "/published-apis/v1"),
        DISCOVER("TS29222_CAPIF_Discover_Service_API.yaml", "/service-apis/v1"),
        SECURITY("TS29222_CAPIF_Security_API.yaml", "/capif-security/v1"),
        ACCESS_CONTROL_POLICY("TS29222_CAPIF_Access_Control_Policy_API.yaml", "/access-control-policy/v1"),
        AEF_SECURITY("TS29222_AEF_Security_API.yaml", "/aef-security/v1"),
        EVENTS("TS29222_CAPIF_Events_API.yaml", "/capif-events/v1"),
        LOGGING("TS29222_CAPIF_Logging_API_Invocation_API.yaml", "/api-invocation-logs/v1"),
        AUDITING("TS29222_CAPIF_Auditing_API.yaml", "/logs/v1"),
        /** The callback bodies (see {@link #assertValidCallback}); not a 3GPP file. */
        CALLBACKS(CALLBACKS_FILE, "/callbacks");

        final String file;
        public final String root;

        Api(String file, String root) {
            this.file = file;
            this.root = root;
        }
    }

    /**
     * The validator checks requests and answers of paths, not callbacks; this small file (written beside the copied
     * Rel-18 files) makes each callback body a request body of {@code POST /callbacks/<schema>}, by $ref into the
     * 3GPP file that defines it, so the 3GPP schema does the checking.
     */
    static final String CALLBACKS_FILE = "keygate-test-callbacks.yaml";
    private static final String CALLBACKS_SPEC = """
            openapi: 3.0.0
            info: {title: keygate test callbacks, version: "1"}
            paths:
              /EventNotification:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: 'TS29222_CAPIF_Events_API.yaml#/components/schemas/EventNotification'}
                  responses: {'204': {description: ok}}
              /TestNotification:
                post:
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: 'TS29122_CommonData.yaml#/components/schemas/TestNotification'}
                  responses: {'204': {description: ok}}
            """;

    /** A callback body, e.g. {@code EventNotification}, checked against its Rel-18 schema. */
    public static void assertValidCallback(String schema, byte[] body) {
        assertValidRequest(Api.CALLBACKS, "POST", Api.CALLBACKS.root + "/" + schema, "application/json", body);
    }

    private static final Map<Api, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private CapifOpenApi() {}

    public static Path sharedDir() {
        Path p = Path.of(System.getProperty("keygate.shared", "../../shared")).toAbsolutePath().normalize();
        if (!Files.isDirectory(p.resolve("specs/openapi/Rel-18"))) {
            throw new IllegalStateException("the shared specs are expected at " + p + " (set -Dkeygate.shared)");
        }
        return p;
    }

    static OpenApiInteractionValidator validator(Api api) {
        return VALIDATORS.computeIfAbsent(api, a -> OpenApiInteractionValidator
                .createForSpecificationUrl(specDir().resolve(a.file).toUri().toString())
                .withBasePathOverride(a.root).build());
    }

    private static Path specDir;

    /**
     * The Rel-18 files, copied, with one change: the validator's JSON-schema library refuses (as a schema syntax
     * error, failing every body) the {@code discriminator} of TS 29.572 GADShape, whose {@code shape} property is
     * a $ref rather than an inline string. That discriminator only selects among GeographicArea shapes
     * (AefProfile.aefLocation.geoArea), which keygate never sends; the anyOf it annotates stays, so a geoArea is
     * still checked against the shapes.
     */
    static synchronized Path specDir() {
        if (specDir == null) {
            try {
                Path src = sharedDir().resolve("specs/openapi/Rel-18");
                Path dst = Files.createTempDirectory("keygate-capif-openapi");
                try (var files = Files.list(src)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        String text = Files.readString(f, StandardCharsets.UTF_8);
                        if (f.getFileName().toString().equals("TS29572_Nlmf_Location.yaml")) {
                            String patched = text.replaceAll(
                                    "(?m)^      discriminator:\\n        propertyName: shape\\n        mapping:\\n(?:          .*\\n)+",
                                    "");
                            if (patched.equals(text)) {
                                throw new IllegalStateException("the GADShape discriminator was not found: review "
                                        + "CapifOpenApi.specDir");
                            }
                            text = patched;
                        }
                        Files.writeString(dst.resolve(f.getFileName()), text, StandardCharsets.UTF_8);
                    }
                }
                Files.writeString(dst.resolve(CALLBACKS_FILE), CALLBACKS_SPEC, StandardCharsets.UTF_8);
                specDir = dst;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return specDir;
    }

    private static Request.Method method(String m) {
        return Request.Method.valueOf(m);
    }

    /** A request as sent: {@code pathAndQuery} starts with the API root. */
    public static ValidationReport request(Api api, String method, String pathAndQuery, String contentType,
            byte[] body) {
        int q = pathAndQuery.indexOf('?');
        var b = new SimpleRequest.Builder(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                b.withQueryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        if (body != null && body.length > 0) {
            b.withContentType(contentType).withBody(new String(body, StandardCharsets.UTF_8));
        }
        return validator(api).validateRequest(b.build());
    }

    /** A response as received to {@code method path}. */
    public static ValidationReport response(Api api, String method, String path, int status, String contentType,
            byte[] body, Map<String, String> headers) {
        var b = SimpleResponse.Builder.status(status);
        headers.forEach(b::withHeader);
        if (body != null && body.length > 0) {
            b.withContentType(contentType).withBody(new String(body, StandardCharsets.UTF_8));
        }
        int q = path.indexOf('?');
        return validator(api).validateResponse(q < 0 ? path : path.substring(0, q), method(method), b.build());
    }

    public static void assertValidRequest(Api api, String method, String pathAndQuery, String contentType,
            byte[] body) {
        assertThat(request(api, method, pathAndQuery, contentType, body).getMessages())
                .as("%s %s request %s", method, pathAndQuery, shortened(body))
                .isEmpty();
    }

    public static void assertValidResponse(Api api, String method, String path, int status, String contentType,
            byte[] body, Map<String, String> headers) {
        assertThat(response(api, method, path, status, contentType, body, headers).getMessages())
                .as("%s %s %d answer %s", method, path, status, shortened(body)).isEmpty();
    }

    private static String shortened(byte[] body) {
        String s = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
