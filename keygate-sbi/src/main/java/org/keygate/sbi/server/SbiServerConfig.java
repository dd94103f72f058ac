package org.keygate.sbi.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.tls.bc.BcTlsServerConfig;
import org.keygate.tls.jsse.TlsEngines;

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
 * <tr><td>limits</td><td>see {@link ConnectionLimits}</td><td>connections in total and per source, reserved slots for
 *     known partners, the deadline to complete TLS and the preface, idle connections closed sooner near the
 *     limit</td></tr>
 * <tr><td>maxRequestsInFlight</td><td>{@value #DEFAULT_MAX_REQUESTS_IN_FLIGHT}</td><td>requests handed to the handler
 *     and not yet answered, all connections together; beyond it 503 at once (a queue would only add latency and let
 *     a flood of abandoned requests pile up)</td></tr>
 * <tr><td>h2</td><td>{@link H2Settings#DEFAULT}</td><td>HTTP/2 windows large enough that flow control never paces
 *     SBI traffic</td></tr>
 * </table>
 *
 * <p>{@code http2Only}: ALPN offers h2 alone and a TLS connection without it is closed (N32, TS 29.573 5.2).
 *
 * <p>{@code http1Upgrade}: HTTP/1.1 requests it wants leave the server for another protocol (a WebSocket).
 *
 * <p>{@code eventLoops}: shared with the node's clients, so forwarded requests stay on their inbound thread; empty:
 * the server has loops of its own.
 */
record SbiServerConfig(
        String name,
        InetSocketAddress bind,
        Optional<TlsEngines> tlsEngines,
        Optional<BcTlsServerConfig> bcTls,
        int maxRequestBodyBytes,
        int maxConcurrentStreams,
        int maxHeaderListSize,
        Duration idleTimeout,
        ConnectionLimits limits,
        int maxRequestsInFlight,
        H2Settings h2,
        boolean http2Only,
        Optional<SbiEventLoops> eventLoops,
        SbiHandler handler,
        MeterRegistry meters,
        PeerCheck peerCheck,
        Optional<Http1Upgrade> http1Upgrade) {

    static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
    static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    static final int DEFAULT_MAX_HEADER_LIST_SIZE = 8192;
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 4096;

    boolean tls() {
        return tlsEngines.isPresent() || bcTls.isPresent();
    }
}
