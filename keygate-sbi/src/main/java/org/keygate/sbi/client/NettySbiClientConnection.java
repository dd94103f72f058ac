package org.keygate.sbi.client;

import java.util.concurrent.CompletableFuture;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.NettySbiConnection;

/** A client connection: each request is a stream of its {@link Http2Calls} handler. */
final class NettySbiClientConnection extends ForwardingSbiConnection {
    private final Http2Calls calls;

    NettySbiClientConnection(NettySbiConnection connection, Http2Calls calls) {
        super(connection);
        this.calls = calls;
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        return calls.send(request, authority, scheme);
    }
}
