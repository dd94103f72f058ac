package org.keygate.sbi.server;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.BcTlsSession;

/** {@link SbiConnection} over a Netty channel, shared by server and client. */
public final class NettySbiConnection implements SbiConnection {
    /** Where the connection object of a channel is kept (on the TCP channel, not the HTTP/2 stream channels). */
    public static final AttributeKey<NettySbiConnection> KEY = AttributeKey.valueOf("keygate.sbi.connection");

    private final Channel channel;
    private final String protocol;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /**
     * The JDK session's peer chain, read once per session: handlers check it on every request, and the JDK copies
     * the chain on each call.
     */
    private volatile PeerChain peerChain;

    private record PeerChain(SSLSession session, List<X509Certificate> chain) {}

    public NettySbiConnection(Channel channel, String protocol) {
        this.channel = channel;
        this.protocol = protocol;
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /** The connection of a channel or of the HTTP/2 stream channel's parent. */
    public static NettySbiConnection of(Channel channel) {
        Channel c = channel.parent() != null && channel.attr(KEY).get() == null ? channel.parent() : channel;
        return c.attr(KEY).get();
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public String id() {
        return channel.id().asShortText();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl == null ? Optional.empty() : Optional.of(ssl.engine().getSession());
    }

    @Override
    public Optional<BcTlsSession> bcTlsSession() {
        BcTlsHandler bc = channel.pipeline().get(BcTlsHandler.class);
        return bc == null ? Optional.empty() : bc.session();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        Optional<BcTlsSession> bc = bcTlsSession();
        if (bc.isPresent()) {
            return bc.get().peerCertificates();
        }
        Optional<SSLSession> session = tlsSession();
        if (session.isEmpty()) {
            return List.of();
        }
        PeerChain known = peerChain;
        if (known != null && known.session() == session.get()) {
            return known.chain();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : session.get().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            List<X509Certificate> chain = List.copyOf(out);
            peerChain = new PeerChain(session.get(), chain);
            return chain;
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closed;
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "SbiConnection[" + id() + ", " + protocol + ", " + channel.remoteAddress() + "]";
    }
}
