package org.keygate.sbi.client;

import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;

/** An open HTTP/2 connection to a peer; each {@link #send} is a new stream on it (same TLS session). */
public interface SbiClientConnection extends SbiConnection {
    /**
     * Sends {@code request} with {@code :authority} and {@code :scheme} as given. The future fails on timeout, on a
     * response body over the limit, or when the connection breaks.
     */
    CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme);

    /**
     * An HTTP/2 PING on this connection (RFC 9113 6.7): completes when the peer acknowledges it, fails after
     * {@code timeout} or when the connection ends. Whether the peer still answers, not only whether the socket is open.
     */
    default CompletableFuture<Void> ping(java.time.Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("no HTTP/2 PING on this connection"));
    }

    /** False once the connection is closed or going away (the peer's GOAWAY, or {@link #retire}). */
    default boolean acceptsNewStreams() {
        return !closeFuture().toCompletableFuture().isDone();
    }

    /** Takes no new requests; closes once those in flight are answered (RFC 9113 6.8's graceful end). */
    default void retire() {
        close();
    }
}
