package org.keygate.n32.n32f.reformat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An SBI request in the clear: as the sending SEPP takes it from an NF (scheme and authority from the target
 * apiRoot, TS 33.501 13.1.1.2), or as the receiving SEPP rebuilds it. {@code query} is without the "?" (null when
 * none); {@code body} is the JSON body, or a multipart body's JSON root part (null when none); {@code binaryParts}
 * are the other parts of a multipart/related body. {@code wire}: the JSON body as it was received, when {@code body}
 * was parsed from it and is its unchanged content (null otherwise), so that a request passed on as it came is not
 * written again (the trees are never changed in place: reformatting and RI modifications work on copies).
 */
public record ClearRequest(
        String method,
        String scheme,
        String authority,
        String path,
        String query,
        List<Map.Entry<String, String>> headers,
        JsonNode body,
        List<BinaryPart> binaryParts,
        byte[] wire) {

    public ClearRequest {
        headers = List.copyOf(headers);
        binaryParts = List.copyOf(binaryParts);
    }

    /** A request built or rebuilt here: its body has no encoding yet. */
    public ClearRequest(String method, String scheme, String authority, String path, String query,
            List<Map.Entry<String, String>> headers, JsonNode body, List<BinaryPart> binaryParts) {
        this(method, scheme, authority, path, query, headers, body, binaryParts, null);
    }

    /** The same request with other headers (the body and its encoding unchanged). */
    public ClearRequest withHeaders(List<Map.Entry<String, String>> newHeaders) {
        return new ClearRequest(method, scheme, authority, path, query, newHeaders, body, binaryParts, wire);
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
