package org.keygate.sbi.http;

import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the SBI sees it: method, path with query (as in {@code :path}), headers, the whole body.
 * The body array is not copied: treat it as read-only.
 */
public record SbiRequest(String method, String path, SbiHeaders headers, byte[] body) {
    public SbiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** A request with a JSON body (TS 29.500 5.4: application/json). */
    public static SbiRequest json(String method, String path, byte[] jsonBody) {
        return new SbiRequest(method, path, SbiHeaders.of("content-type", "application/json"), jsonBody);
    }

    public String pathWithoutQuery() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    public Optional<String> contentType() {
        return headers.first("content-type");
    }

    @Override
    public String toString() {
        return "SbiRequest[" + method + " " + pathWithoutQuery() + ", " + body.length + " octets]";
    }
}
