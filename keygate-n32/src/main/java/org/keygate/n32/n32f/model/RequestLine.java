package org.keygate.n32.n32f.model;

/**
 * TS 29.573 RequestLine: {@code scheme} and {@code authority} from the target apiRoot, {@code path} with each
 * encrypted segment written as its OpenAPI template name in braces, {@code queryFragment} without the "?" and with
 * encrypted parameters as {@code name={name}} (DESIGN.md).
 */
public record RequestLine(
        String method, String scheme, String authority, String path, String protocolVersion, String queryFragment) {
    /** DESIGN.md: protocolVersion is "HTTP/2". */
    public static final String HTTP_2 = "HTTP/2";
}
