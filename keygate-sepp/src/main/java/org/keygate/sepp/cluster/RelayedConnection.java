package org.keygate.sepp.cluster;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.tls.bc.BcTlsSession;

/**
 * The partner's connection as the owning instance sees a relayed message: the partner's certificate chain (checked
 * by the relaying instance's TLS, carried in {@link RelayHandler#PEER_CHAIN}) on the internal link from another
 * instance. Never relayed again: one hop at most.
 */
record RelayedConnection(SbiConnection link, List<X509Certificate> partnerChain, String via) implements SbiConnection {
    RelayedConnection {
        partnerChain = List.copyOf(partnerChain);
    }

    @Override
    public String id() {
        return link.id() + "(relayed by " + via + ")";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return link.remoteAddress();
    }

    /** The partner's TLS session is at the relaying instance; nothing here exports from it. */
    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }

    @Override
    public Optional<BcTlsSession> bcTlsSession() {
        return Optional.empty();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return partnerChain;
    }

    @Override
    public String protocol() {
        return link.protocol();
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return link.closeFuture();
    }

    @Override
    public void close() {
        link.close();
    }
}
