package org.keygate.capif.http;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSession;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.tls.bc.BcTlsSession;

/** A connection secured by the BC TLS handler: its {@link BcTlsSession} in place of a JDK SSLSession. */
public final class BcSbiConnection implements SbiConnection {
    private static final AtomicLong IDS = new AtomicLong();
    private final Channel channel;
    private final BcTlsSession session;
    private final String id = "bc-" + IDS.incrementAndGet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    BcSbiConnection(Channel channel, BcTlsSession session) {
        this.channel = channel;
        this.session = session;
        channel.closeFuture().addListener(f -> {
            // The captured master secret lives no longer than its connection.
            session.masterSecret().ifPresent(m -> {
                if (!m.isDestroyed()) {
                    m.destroy();
                }
            });
            closed.complete(null);
        });
    }

    /** What the handshake negotiated (master secret only when the listener captures it). */
    public BcTlsSession session() {
        return session;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public Optional<BcTlsSession> bcTlsSession() {
        return Optional.of(session);
    }

    /** Not a JDK session: read {@link #session()}. */
    @Override
    public Optional<SSLSession> tlsSession() {
        return Optional.empty();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return session.peerCertificates();
    }

    @Override
    public String protocol() {
        return "http/1.1";
    }

    @Override
    public CompletionStage<Void> closeFuture() {
        return closed;
    }

    @Override
    public void close() {
        channel.close();
    }
}
