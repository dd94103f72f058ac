package org.keygate.sbi.client;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.keygate.tls.bc.BcTlsSession;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.NettySbiConnection;

/** A client connection: each request is a stream of its {@link Http2Calls} handler. */
final class NettySbiClientConnection implements SbiClientConnection {
    private final NettySbiConnection connection;
    private final Http2Calls calls;

    NettySbiClientConnection(NettySbiConnection connection, Http2Calls calls) {
        this.connection = connection;
        this.calls = calls;
    }

    @Override
    public CompletableFuture<SbiResponse> send(SbiRequest request, String authority, String scheme) {
        return calls.send(request, authority, scheme);
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
        return calls.acceptsNewStreams();
    }

    @Override
    public void retire() {
        calls.retire();
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
