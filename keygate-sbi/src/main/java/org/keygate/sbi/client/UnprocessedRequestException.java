package org.keygate.sbi.client;

import java.io.IOException;

/**
 * A request the peer certainly did not process: it was never sent (the connection was closed or going away), the
 * peer refused its stream (RST_STREAM REFUSED_STREAM), or its stream was above the last-stream-id of the peer's GOAWAY.
 * RFC 9113 8.7 and 6.8: such a request can be sent again, on a new connection; {@link SbiConnectionPool#exchange}
 * does so once. Any other failure of a sent request may follow processing and is never retried.
 */
public final class UnprocessedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    public UnprocessedRequestException(String message) {
        super(message);
    }

    public UnprocessedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
