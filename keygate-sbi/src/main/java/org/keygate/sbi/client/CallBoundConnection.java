package org.keygate.sbi.client;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.bc.BcTlsSession;

/**
 * A connection handed to a caller before it was open: whatever that caller sends on it once it is ready (on another
 * stack, where its {@link SbiCall} is no longer bound) still carries the caller's call.
 */
final class CallBoundConnection implements SbiClientConnection {
    private final SbiClientConnection connection;
    private final SbiCall call;

    CallBoundConnection(SbiClientConnection connection, SbiCall call) {
        this.connection = connection;
        this.call = call;
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        return SbiCall.current() != null ? connection.send(request, authority, scheme)
                : call.bind(() -> connection.send(request, authority, scheme));
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return connection.tlsSession();
    }

    @Override
    public Optional<BcTlsSession> bcTlsSession() {
        return connection.bcTlsSession();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return connection.peerCertificates();
    }

    @Override
    public String protocol() {
        return connection.protocol();
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return connection.closeFuture();
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
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
