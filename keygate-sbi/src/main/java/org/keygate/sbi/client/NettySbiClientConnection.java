package org.keygate.sbi.client;

import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.NettySbiConnection;

/** A client connection: each request is a stream of its {@link Http2Calls} handler. */
final class NettySbiClientConnection extends ForwardingSbiConnection {
    private final Http2Calls calls;
    private final H2Pings pings;

    NettySbiClientConnection(NettySbiConnection connection, Http2Calls calls, H2Pings pings) {
        super(connection);
        this.calls = calls;
        this.pings = pings;
    }

    @Override
    public CompletableFuture<Void> ping(java.time.Duration timeout) {
        return pings.ping(timeout);
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        return calls.send(request, authority, scheme);
    }

    @Override
    public boolean acceptsNewStreams() {
        return calls.acceptsNewStreams();
    }

    @Override
    public void retire() {
        calls.retire();
    }
}
