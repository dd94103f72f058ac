package org.keygate.sbi.client;

import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;

/**
 * A connection handed to a caller before it was open: whatever that caller sends on it once it is ready (on another
 * stack, where its {@link SbiCall} is no longer bound) still carries the caller's call.
 */
final class CallBoundConnection extends ForwardingSbiConnection {
    private final SbiClientConnection connection;
    private final SbiCall call;

    CallBoundConnection(SbiClientConnection connection, SbiCall call) {
        super(connection);
        this.connection = connection;
        this.call = call;
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        return SbiCall.current() != null ? connection.send(request, authority, scheme)
                : call.bind(() -> connection.send(request, authority, scheme));
    }

    @Override
    public boolean acceptsNewStreams() {
        return connection.acceptsNewStreams();
    }

    @Override
    public void retire() {
        connection.retire();
    }

    @Override
    public CompletableFuture<Void> ping(java.time.Duration timeout) {
        return connection.ping(timeout);
    }
}
