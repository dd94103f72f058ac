package org.keygate.tls.jsse;

import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/**
 * The SSLEngines of one listener or client, by the configured {@link TlsProvider}: the one place that picks the
 * provider. Both kinds of engine go into Netty's {@code SslHandler}, which releases an OpenSSL engine when the
 * connection's pipeline goes; handlers behind it see a {@code javax.net.ssl.SSLSession} either way (peer chain,
 * protocol, ALPN), but only the JDK's is an {@code ExtendedSSLSession} that exports keys: N32-c stays on {@link #jdk}.
 *
 * <p>ALPN: the JDK engine takes the list per engine, BoringSSL per context, so the OpenSSL variant keeps one context
 * per list asked for (in practice two: h2 alone, and h2 then http/1.1).
 */
public sealed interface TlsEngines permits JdkTlsEngines, OpenSslTlsEngines {

    /** The JDK's engines over {@code context}; {@code serverParameters} for the server side (protocols, client auth). */
    static TlsEngines jdk(SSLContext context, SSLParameters serverParameters) {
        return new JdkTlsEngines(context, serverParameters);
    }

    /**
     * Engines of {@code provider} over {@code parts}; {@code serverParameters} (protocols, client auth) for the server
     * side, a client's come per connection.
     */
    static TlsEngines of(TlsProvider provider, TlsParts parts, SSLParameters serverParameters) {
        return switch (provider) {
            case JDK -> new JdkTlsEngines(parts.jdk(), serverParameters);
            case OPENSSL -> new OpenSslTlsEngines(parts, serverParameters);
        };
    }

    TlsProvider provider();

    /** A server engine offering {@code alpn} in the server's order of preference (RFC 7301). */
    SSLEngine serverEngine(ByteBufAllocator alloc, List<String> alpn);

    /**
     * A client engine toward {@code peerHost} (the name it checks and resumes sessions by), with {@code params}'
     * protocols, SNI and endpoint identification, offering {@code alpn}; {@code params} may be null (the defaults).
     */
    SSLEngine clientEngine(ByteBufAllocator alloc, String peerHost, int peerPort, SSLParameters params,
            List<String> alpn);

    /** Where this provider caches sessions, so that a trust change can drop them ({@link MutualTls#invalidateSessionsIf}). */
    List<SSLSessionContext> sessionContexts();
}
