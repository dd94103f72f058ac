package org.keygate.sbi.server;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;

/**
 * One TCP connection of the SBI (all HTTP/2 streams of it share it): who is at the other end and, with TLS, the
 * JDK session the exporter reads from.
 */
public interface SbiConnection {
    /** Unique among this process's live connections; used in logs. */
    String id();

    InetSocketAddress remoteAddress();

    /** The JDK's {@code ExtendedSSLSession} after the handshake; empty for cleartext. */
    Optional<SSLSession> tlsSession();

    /** The peer's certificate chain, leaf first; empty for cleartext or when none was sent. */
    List<X509Certificate> peerCertificates();

    /** {@code h2}, {@code http/1.1} or {@code h2c}. */
    String protocol();

    /** Completes when the connection is closed. */
    CompletionStage<Void> closeFuture();

    void close();
}
