package org.keygate.sbi.server;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.keygate.tls.bc.BcTlsSession;

/**
 * One TCP connection of the SBI (all HTTP/2 streams of it share it): who is at the other end and, with TLS, the
 * JDK session the exporter reads from, or, with keygate's Bouncy Castle TLS ({@code bcTls(...)}), the
 * {@link BcTlsSession} (PSK identity, session ID, captured master secret).
 */
public interface SbiConnection {
    /** Unique among this process's live connections; used in logs. */
    String id();

    InetSocketAddress remoteAddress();

    /** The JDK's {@code ExtendedSSLSession} after the handshake; empty for cleartext and for Bouncy Castle TLS. */
    Optional<SSLSession> tlsSession();

    /**
     * The Bouncy Castle TLS session after the handshake (the current one after a renegotiation): PSK identity, peer
     * certificates, session ID, and the master secret if the config captures it; empty for JDK TLS and cleartext.
     */
    Optional<BcTlsSession> bcTlsSession();

    /** The peer's certificate chain, leaf first (JDK or BC TLS); empty for cleartext or when none was sent. */
    List<X509Certificate> peerCertificates();

    /** {@code h2}, {@code http/1.1} or {@code h2c}. */
    String protocol();

    /** Completes when the connection is closed. */
    CompletionStage<Void> closeFuture();

    void close();
}
