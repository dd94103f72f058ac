package org.keygate.n32.n32f.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * TS 29.573 HttpPayload: a value placed at {@code iePath} (RFC 6901; "" is the root) of the part of the message
 * {@code ieValueLocation} names: BODY, URI_PATH, URI_PARAM, HEADER or MULTIPART_BINARY (DESIGN.md).
 */
public record HttpPayload(String iePath, String ieValueLocation, JsonNode value) {
    public static final String BODY = "BODY";
    public static final String URI_PATH = "URI_PATH";
    public static final String URI_PARAM = "URI_PARAM";
    public static final String MULTIPART_BINARY = "MULTIPART_BINARY";
}
