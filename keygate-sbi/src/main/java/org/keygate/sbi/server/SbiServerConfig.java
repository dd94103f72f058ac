package org.keygate.sbi.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.keygate.tls.bc.BcTlsServerConfig;

/**
 * A server's frozen settings, made by {@link SbiServer.Builder}. Limits, their defaults and why:
 *
 * <table>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxRequestBodyBytes</td><td>{@value #DEFAULT_MAX_REQUEST_BODY_BYTES}</td><td>SBI bodies are small JSON;
 *     a larger one gets 413 without being buffered</td></tr>
 * <tr><td>maxConcurrentStreams</td><td>{@value #DEFAULT_MAX_CONCURRENT_STREAMS}</td><td>RFC 9113 6.5.2 recommends at
 *     least 100</td></tr>
 * <tr><td>maxHeaderListSize</td><td>{@value #DEFAULT_MAX_HEADER_LIST_SIZE}</td><td>Netty's default; SBI headers are
 *     few</td></tr>
 * <tr><td>idleTimeout</td><td>10 minutes</td><td>idle connections are closed</td></tr>
 * <tr><td>maxConnections</td><td>{@value #DEFAULT_MAX_CONNECTIONS}</td><td>beyond it new connections are closed at
 *     once, before TLS, so a flood cannot exhaust memory</td></tr>
 * </table>
 */
record SbiServerConfig(
        String name,
        InetSocketAddress bind,
        Optional<SSLContext> sslContext,
        Optional<SSLParameters> sslParameters,
        Optional<BcTlsServerConfig> bcTls,
        int maxRequestBodyBytes,
        int maxConcurrentStreams,
        int maxHeaderListSize,
        Duration idleTimeout,
        int maxConnections,
        SbiHandler handler,
        MeterRegistry meters) {

    static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
    static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    static final int DEFAULT_MAX_HEADER_LIST_SIZE = 8192;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final int DEFAULT_MAX_CONNECTIONS = 1000;

    boolean tls() {
        return sslContext.isPresent() || bcTls.isPresent();
    }
}
