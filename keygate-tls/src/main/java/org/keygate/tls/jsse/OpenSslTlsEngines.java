package org.keygate.tls.jsse;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/**
 * BoringSSL through Netty's tcnative, built with Netty's {@link SslContextBuilder} over the very key and trust managers
 * of the JDK context ({@link TlsParts}): BoringSSL does the record layer and the handshake, and calls back into the
 * same {@code X509ExtendedTrustManager} (PLMN anchors, revocation, intermediaries, endpoint identification by the
 * JDK's rules) and key manager (a reload's swap reaches it). Cipher suites are BoringSSL's defaults (AES-GCM and
 * ChaCha20-Poly1305 with ECDHE, as the JDK's); protocols, client authentication, SNI and endpoint identification come
 * from the same {@code SSLParameters} as the JDK engine's.
 *
 * <p>Engines come from contexts that are not reference-counted ({@link SslProvider#OPENSSL}): Netty's
 * {@code SslHandler} releases each engine's native state when its connection goes.
 */
final class OpenSslTlsEngines implements TlsEngines {
    private final TlsParts parts;
    private final SSLParameters serverParameters;
    private final Map<List<String>, SslContext> servers = new ConcurrentHashMap<>();
    private final Map<List<String>, SslContext> clients = new ConcurrentHashMap<>();

    OpenSslTlsEngines(TlsParts parts, SSLParameters serverParameters) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.serverParameters = Objects.requireNonNull(serverParameters, "serverParameters");
        TlsProvider.openSslUnavailability().ifPresent(why -> {
            throw new IllegalStateException("the openssl TLS provider cannot load BoringSSL: " + why.getMessage(), why);
        });
    }

    @Override
    public TlsProvider provider() {
        return TlsProvider.OPENSSL;
    }

    @Override
    public SSLEngine serverEngine(ByteBufAllocator alloc, List<String> alpn) {
        SSLEngine engine = servers.computeIfAbsent(List.copyOf(alpn), this::server).newEngine(alloc);
        apply(engine, serverParameters);
        return engine;
    }

    @Override
    public SSLEngine clientEngine(ByteBufAllocator alloc, String peerHost, int peerPort, SSLParameters params,
            List<String> alpn) {
        SSLEngine engine = clients.computeIfAbsent(List.copyOf(alpn), this::client).newEngine(alloc, peerHost, peerPort);
        if (params != null) {
            apply(engine, params);
        }
        return engine;
    }

    @Override
    public List<SSLSessionContext> sessionContexts() {
        return java.util.stream.Stream.concat(servers.values().stream(), clients.values().stream())
                .map(SslContext::sessionContext).toList();
    }

    private SslContext server(List<String> alpn) {
        var keys = parts.keys().orElseThrow(() -> new IllegalStateException("a TLS server needs its own certificate"));
        return build(SslContextBuilder.forServer(keys)
                .clientAuth(serverParameters.getNeedClientAuth() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                .protocols(serverParameters.getProtocols()), alpn);
    }

    private SslContext client(List<String> alpn) {
        SslContextBuilder b = SslContextBuilder.forClient()
                // Per engine, from the caller's SSLParameters (apply), as on the JDK engine; not Netty's default.
                .endpointIdentificationAlgorithm(null);
        parts.keys().ifPresent(b::keyManager);
        return build(b.protocols(serverParameters.getProtocols()), alpn);
    }

    private SslContext build(SslContextBuilder b, List<String> alpn) {
        try {
            return b.sslProvider(SslProvider.OPENSSL).trustManager(new JdkAlertTrustManager(parts.trust()))
                    // RFC 7301 3.2: a server with no protocol in common answers without ALPN (BoringSSL cannot send
                    // the no_application_protocol alert through Netty); the SBI's ALPN check then closes (h2 only).
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the BoringSSL context: " + e.getMessage(), e);
        }
    }

    /**
     * The parts of {@code given} a JDK engine would take, onto BoringSSL's own parameters: the JDK's cipher suite names
     * are left out (the JDK context's defaults include suites BoringSSL does not have).
     */
    private static void apply(SSLEngine engine, SSLParameters given) {
        SSLParameters p = engine.getSSLParameters();
        if (given.getProtocols() != null) {
            p.setProtocols(given.getProtocols());
        }
        if (given.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        }
        if (given.getServerNames() != null) {
            p.setServerNames(given.getServerNames());
        }
        p.setEndpointIdentificationAlgorithm(given.getEndpointIdentificationAlgorithm());
        engine.setSSLParameters(p);
    }
}
