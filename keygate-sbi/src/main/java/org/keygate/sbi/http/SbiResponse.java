package org.keygate.sbi.http;

import java.util.Objects;
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;

/** One HTTP response: status, headers, the whole body (not copied: read-only). */
public record SbiResponse(int status, SbiHeaders headers, byte[] body) {
    /** RFC 9457 / TS 29.500 5.2.7.2. */
    public static final String PROBLEM_JSON = "application/problem+json";

    public SbiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status: " + status + " (expected: 100..599)");
        }
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    public static SbiResponse json(int status, byte[] body) {
        return new SbiResponse(status, SbiHeaders.of("content-type", "application/json"), body);
    }

    public static SbiResponse noContent() {
        return new SbiResponse(204, SbiHeaders.empty(), new byte[0]);
    }

    public static SbiResponse problem(ProblemDetails problem) {
        int status = problem.status() == null ? 500 : problem.status();
        return new SbiResponse(status, SbiHeaders.of("content-type", PROBLEM_JSON), SbiJson.write(problem));
    }

    public Optional<String> contentType() {
        return headers.first("content-type");
    }

    @Override
    public String toString() {
        return "SbiResponse[" + status + ", " + body.length + " octets]";
    }
}
