package org.keygate.sbi.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

/**
 * How a listener shares its connections between sources, so that one host cannot lock the others out. Made by
 * {@link SbiServer.Builder}; enforced by {@link ConnectionTracker} and {@link EstablishDeadline}.
 *
 * <table>
 * <tr><th>limit</th><th>default</th><th>why</th></tr>
 * <tr><td>maxConnections</td><td>{@value #DEFAULT_MAX_CONNECTIONS}</td><td>all sources together; beyond it new
 *     connections are closed at once, before TLS, so a flood cannot exhaust memory</td></tr>
 * <tr><td>maxConnectionsPerSource</td><td>{@value #DEFAULT_MAX_CONNECTIONS_PER_SOURCE}</td><td>one IP address that is
 *     not a known source; a peer needs a few connections, an NF pool or an SCP a few tens</td></tr>
 * <tr><td>reservedConnections</td><td>a tenth of maxConnections</td><td>the last slots are for known sources only,
 *     so a flood from anywhere else still leaves partners room</td></tr>
 * <tr><td>handshakeTimeout</td><td>5 s</td><td>to complete TLS and send the HTTP/2 preface (or the first HTTP/1.1
 *     request); a connection that says nothing is closed then instead of holding a slot for Netty's 10 s</td></tr>
 * <tr><td>idleTimeoutNearLimit</td><td>30 s</td><td>once {@value #NEAR_LIMIT_PERCENT}% of the slots open to unknown
 *     sources are taken, an unknown source's connection idle this long is closed (known sources keep
 *     idleTimeout)</td></tr>
 * </table>
 *
 * @param knownSources the addresses of known partners: not bound by maxConnectionsPerSource, may take the reserved
 *     slots, and are not closed early when the listener is near its limit.
 */
record ConnectionLimits(
        int maxConnections,
        int maxConnectionsPerSource,
        int reservedConnections,
        Duration handshakeTimeout,
        Duration idleTimeoutNearLimit,
        Set<InetAddress> knownSources) {

    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    static final int DEFAULT_MAX_CONNECTIONS_PER_SOURCE = 64;
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_IDLE_TIMEOUT_NEAR_LIMIT = Duration.ofSeconds(30);
    static final int NEAR_LIMIT_PERCENT = 75;

    ConnectionLimits {
        knownSources = Set.copyOf(knownSources);
    }

    /** A tenth of {@code maxConnections}, rounded down. */
    static int defaultReserved(int maxConnections) {
        return maxConnections / 10;
    }

    /** Slots any source may take; the rest are for known sources. */
    int openToAll() {
        return maxConnections - reservedConnections;
    }

    boolean known(InetAddress source) {
        return knownSources.contains(source);
    }
}
