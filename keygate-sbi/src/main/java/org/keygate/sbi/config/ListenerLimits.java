package org.keygate.sbi.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keygate.sbi.server.SbiServer;

/**
 * How a listener shares its connections between sources (issue 12: one host must not lock partners out). The
 * defaults and what each means are in docs/CONFIGURATION.md; keygate-sbi's {@code ConnectionLimits} enforces them.
 *
 * @param reservedConnections empty: a tenth of {@code maxConnections}.
 * @param knownSources addresses that are neither bound by the per-source limit nor closed early near the limit, and
 *     may take the reserved slots; the N32 listeners add their partners' (and their IPXs') addresses themselves.
 */
public record ListenerLimits(
        int maxConnectionsPerSource,
        Optional<Integer> reservedConnections,
        Duration handshakeTimeout,
        Duration idleTimeoutNearLimit,
        List<InetAddress> knownSources) {

    /** A partner needs a few connections, an NF pool or an SCP a few tens. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 64;
    /** TLS and the HTTP/2 preface take a few round trips; a silent connection should not hold a slot for long. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /** Idle connections of unknown sources close this soon once 75% of the open slots are taken. */
    public static final Duration DEFAULT_IDLE_TIMEOUT_NEAR_LIMIT = Duration.ofSeconds(30);

    public static final ListenerLimits DEFAULT = new ListenerLimits(DEFAULT_MAX_CONNECTIONS_PER_SOURCE,
            Optional.empty(), DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT_NEAR_LIMIT, List.of());

    public ListenerLimits {
        knownSources = List.copyOf(knownSources);
    }

    /** Sets these limits on {@code server}, with {@code partners} known besides the configured sources. */
    public SbiServer.Builder applyTo(SbiServer.Builder server, Collection<InetAddress> partners) {
        Set<InetAddress> known = new HashSet<>(knownSources);
        known.addAll(partners);
        server.maxConnectionsPerSource(maxConnectionsPerSource).handshakeTimeout(handshakeTimeout)
                .idleTimeoutNearLimit(idleTimeoutNearLimit).knownSources(known);
        reservedConnections.ifPresent(server::reservedConnections);
        return server;
    }
}
