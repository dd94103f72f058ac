package org.keygate.sepp.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An SBI response in the clear; {@code body} is the JSON body or a multipart body's JSON root part (null when none),
 * {@code binaryParts} the other parts of a multipart/related body.
 */
public record ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body,
        List<BinaryPart> binaryParts) {
    public ClearResponse {
        headers = List.copyOf(headers);
        binaryParts = List.copyOf(binaryParts);
    }

    /** A response without binary parts. */
    public ClearResponse(int status, List<Map.Entry<String, String>> headers, JsonNode body) {
        this(status, headers, body, List.of());
    }

    @Override
    public String toString() {
        return "ClearResponse[" + status + "]";
    }
}
