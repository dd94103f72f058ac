package org.keygate.sbi.client;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.tls.bc.BcTlsSession;

/** A client connection that is another connection as far as who and where are concerned; subclasses say how to send. */
abstract class ForwardingSbiConnection implements SbiClientConnection {
    private final SbiConnection connection;

    ForwardingSbiConnection(SbiConnection connection) {
        this.connection = connection;
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
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
