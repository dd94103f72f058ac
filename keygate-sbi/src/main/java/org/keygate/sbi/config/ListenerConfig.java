package org.keygate.sbi.config;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A validated server listener.
 *
 * @param maxRequestBodyBytes requests with a larger body get 413 without being read further.
 * @param limits connections per source, reserved for known partners, handshake deadline, idle sooner near the limit.
 * @param tls for the listener of this PLMN's NFs only: h2 over TLS with this SEPP's certificate (no client
 *     certificate asked) instead of h2c. N32-c and N32-f are always mutually authenticated TLS.
 */
public record ListenerConfig(
        InetSocketAddress address,
        int maxRequestBodyBytes,
        int maxConcurrentStreams,
        Duration idleTimeout,
        int maxConnections,
        ListenerLimits limits,
        boolean tls) {

    /** A listener whose TLS is decided by its role (N32-c, N32-f, admin), with the default per-source limits. */
    public ListenerConfig(InetSocketAddress address, int maxRequestBodyBytes, int maxConcurrentStreams,
            Duration idleTimeout, int maxConnections) {
        this(address, maxRequestBodyBytes, maxConcurrentStreams, idleTimeout, maxConnections, false);
    }

    /** A listener with the default per-source limits. */
    public ListenerConfig(InetSocketAddress address, int maxRequestBodyBytes, int maxConcurrentStreams,
            Duration idleTimeout, int maxConnections, boolean tls) {
        this(address, maxRequestBodyBytes, maxConcurrentStreams, idleTimeout, maxConnections, ListenerLimits.DEFAULT,
                tls);
    }

    /** Sets this listener's connection limits on {@code server}, with {@code partners} as known sources. */
    public org.keygate.sbi.server.SbiServer.Builder limit(org.keygate.sbi.server.SbiServer.Builder server,
            java.util.Collection<java.net.InetAddress> partners) {
        return limits.applyTo(server.idleTimeout(idleTimeout).maxConnections(maxConnections), partners);
    }

    /** N32-c bodies are small JSON (the largest, a protection policy, is a few KiB); 64 KiB leaves room. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 64 * 1024;
    /** Upper bound an operator may set: 16 MiB, far beyond any N32-c message. */
    public static final int MAX_REQUEST_BODY_BYTES_LIMIT = 16 * 1024 * 1024;
    /** RFC 9113 6.5.2 recommends no fewer than 100 concurrent streams. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 100;
    /** N32-c connections may stay open between handshakes (TS 33.501 13.2.2.2 step 6); idle ones close after this. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** A SEPP has tens of roaming partners, each with a few connections; 1000 bounds a flood. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
}
