package org.keygate.tls.jsse;

import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSessionContext;

/** The JDK's own SSLEngine (not Netty's wrapper), so the session is the JDK's {@code ExtendedSSLSession}. */
final class JdkTlsEngines implements TlsEngines {
    private final SSLContext context;
    private final SSLParameters serverParameters;

    JdkTlsEngines(SSLContext context, SSLParameters serverParameters) {
        this.context = Objects.requireNonNull(context, "context");
        this.serverParameters = Objects.requireNonNull(serverParameters, "serverParameters");
    }

    @Override
    public TlsProvider provider() {
        return TlsProvider.JDK;
    }

    @Override
    public SSLEngine serverEngine(ByteBufAllocator alloc, List<String> alpn) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(serverParameters);
        // A copy from the engine, so the caller's shared SSLParameters are never written to.
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(alpn.toArray(String[]::new));
        engine.setSSLParameters(p);
        return engine;
    }

    @Override
    public SSLEngine clientEngine(ByteBufAllocator alloc, String peerHost, int peerPort, SSLParameters params,
            List<String> alpn) {
        SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(true);
        if (params != null) {
            engine.setSSLParameters(params);
        }
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(alpn.toArray(String[]::new));
        engine.setSSLParameters(p);
        return engine;
    }

    @Override
    public List<SSLSessionContext> sessionContexts() {
        return List.of(context.getClientSessionContext(), context.getServerSessionContext());
    }
}
