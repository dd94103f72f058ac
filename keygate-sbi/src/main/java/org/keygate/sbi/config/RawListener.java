package org.keygate.sbi.config;

import java.util.List;

/**
 * A listener's members as written, before validation ({@link ConfigReader#listener}); the reference is
 * docs/CONFIGURATION.md.
 *
 * @param tls only a SEPP's {@code sbi} listener may set it (N32 is always TLS).
 */
public record RawListener(
        String listen,
        Integer maxRequestBodyBytes,
        Integer maxConcurrentStreams,
        String idleTimeout,
        Integer maxConnections,
        Integer maxConnectionsPerSource,
        Integer reservedConnections,
        String handshakeTimeout,
        String idleTimeoutNearLimit,
        List<String> knownSources,
        Boolean tls) {}
