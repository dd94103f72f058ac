package org.keygate.n32.n32f.model;

import java.util.List;

/**
 * TS 29.573 DataToIntegrityProtectBlock (TS 33.501 13.2.4.3.1): what travels in the clear, integrity protected,
 * as the JWE {@code aad}. A request has a requestLine, a response a statusLine (the status code as a string).
 */
public record DataToIntegrityProtectBlock(
        MetaData metaData,
        RequestLine requestLine,
        String statusLine,
        List<HttpHeader> headers,
        List<HttpPayload> payload) {

    public DataToIntegrityProtectBlock {
        // minItems 1 in the schema: absent rather than empty.
        headers = headers == null || headers.isEmpty() ? null : List.copyOf(headers);
        payload = payload == null || payload.isEmpty() ? null : List.copyOf(payload);
    }
}
