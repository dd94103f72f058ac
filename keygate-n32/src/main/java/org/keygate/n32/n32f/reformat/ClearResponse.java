package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An SBI response in the clear; {@code body} is the JSON body or a multipart body's JSON root part (null when none),
 * {@code binaryParts} the other parts of a multipart/related body; {@code wire} the JSON body as received when
 * {@code body} is its unchanged content, else null ({@link ClearRequest}); in TLS mode {@code wire} alone, the body as
 * received and never parsed ({@link SbiClearMessages#responseAsReceived}).
 */
public record ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body,
        List<BinaryPart> binaryParts, byte[] wire) {
    public ClearResponse {
        headers = List.copyOf(headers);
        binaryParts = List.copyOf(binaryParts);
    }

    /** A response built or rebuilt here: its body has no encoding yet. */
    public ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body,
            List<BinaryPart> binaryParts) {
        this(status, headers, body, binaryParts, null);
    }

    /** The same response with other headers (the body and its encoding unchanged). */
    public ClearResponse withHeaders(List<Map.Entry<String, String>> newHeaders) {
        return new ClearResponse(status, newHeaders, body, binaryParts, wire);
    }

    /** A response without binary parts. */
    public ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body) {
        this(status, headers, body, List.of());
    }

    /** An answer the SEPP gives itself (TS 29.500 5.2.7): {@code problem} as application/problem+json. */
    public static ClearResponse problem(org.keygate.sbi.http.ProblemDetails problem) {
        return new ClearResponse(problem.status(), List.of(Map.entry("content-type",
                org.keygate.sbi.http.SbiResponse.PROBLEM_JSON)),
                org.keygate.sbi.json.SbiJson.mapper().valueToTree(problem));
    }

    @Override
    public String toString() {
        return "ClearResponse[" + status + "]";
    }
}
