package org.keygate.sepp.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An SBI request in the clear: as the sending SEPP takes it from an NF (scheme and authority from the target
 * apiRoot, TS 33.501 13.1.1.2), or as the receiving SEPP rebuilds it. {@code query} is without the "?" (null when
 * none); {@code body} is the JSON body, or a multipart body's JSON root part (null when none); {@code binaryParts}
 * are the other parts of a multipart/related body.
 */
public record ClearRequest(
        String method,
        String scheme,
        String authority,
        String path,
        String query,
        List<Map.Entry<String, String>> headers,
        JsonNode body,
        List<BinaryPart> binaryParts) {

    public ClearRequest {
        headers = List.copyOf(headers);
        binaryParts = List.copyOf(binaryParts);
    }

    /** A request without binary parts. */
    public ClearRequest(String method, String scheme, String authority, String path, String query,
            List<Map.Entry<String, String>> headers, JsonNode body) {
        this(method, scheme, authority, path, query, headers, body, List.of());
    }

    @Override
    public String toString() {
        return "ClearRequest[" + method + " " + scheme + "://" + authority + "]";
    }
}
