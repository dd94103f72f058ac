package org.keygate.sbi.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.tls.bc.BcTlsServerConfig;

/**
 * An SBI server on Netty: HTTP/2 over TLS (ALPN h2, HTTP/1.1 as fallback), or cleartext h2c with prior knowledge
 * and HTTP/1.1 on the same port. TLS is the JDK's ({@link Builder#tls}) or keygate's Bouncy Castle handler
 * ({@link Builder#bcTls}: PSK, master secret and session ID for TS 33.122, renegotiation policy), which a handler
 * reads through {@link SbiConnection#bcTlsSession()}. Every request reaches one {@link SbiHandler}.
 *
 * <p>Lifecycle: {@link #builder()}, {@link #start()} (binds or throws), {@link #close()} (stops accepting, closes
 * connections, bounded wait). The pipeline is assembled in one place, {@link SbiServerInitializer}.
 */
public final class SbiServer implements AutoCloseable {
    /** Bound on closing the listening socket and on closing the connections of shared loops. */
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5000;
    private static final long DRAIN_POLL_MILLIS = 10;

    private final SbiServerConfig config;
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    /** Null when the loops are shared ({@link Builder#eventLoops}): their owner closes them. */
    private final EventLoopGroup ownWorkers;
    private final EventLoopGroup workers;
    private final SbiServerInitializer initializer;
    private volatile Channel listener;

    private SbiServer(SbiServerConfig config) {
        this.config = config;
        this.ownWorkers = config.eventLoops().isPresent() ? null
                : new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        this.workers = config.eventLoops().map(SbiEventLoops::group).orElse(ownWorkers);
        this.initializer = new SbiServerInitializer(config);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the listener; throws (with the address in the message) if it cannot. */
    public SbiServer start() {
        try {
            listener = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(initializer)
                    .bind(config.bind()).sync().channel();
            return this;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot listen on " + config.bind() + " (" + config.name() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The frozen settings (package-private: for the in-memory benchmark of the HTTP/2 handlers). */
    SbiServerConfig config() {
        return config;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * The first half of a stop that drains: stops accepting connections and tells every HTTP/2 client, with a GOAWAY
     * (RFC 9113 6.8, NO_ERROR), that no new stream will be taken; requests already accepted go on. Then
     * {@link #awaitDrained}, then {@link #close}.
     */
    public void beginDrain() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
        initializer.beginDrain();
    }

    /**
     * Waits until every request this server accepted has been answered, or {@code maxWait} passed; true when none is
     * left. Polls: a stop waits seconds at most, and no request thread needs to signal it.
     */
    public boolean awaitDrained(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (initializer.requestsInFlight() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Closes at once every connection whose client's certificate chain {@code peerChain} accepts (e.g. one a refreshed
     * CRL now lists, issue 18); returns how many. Its requests in progress are cut: the peer is no longer trusted.
     */
    public int closeConnectionsIf(
            java.util.function.Predicate<java.util.List<java.security.cert.X509Certificate>> peerChain) {
        return initializer.closeIf(peerChain);
    }

    /** Requests accepted and not yet answered, all connections together. */
    public int requestsInFlight() {
        return initializer.requestsInFlight();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
        // The acceptor and the own workers end together, each with a short quiet period (SbiEventLoops): their
        // channels are closed by now, and a thread left behind would delay the JVM's exit.
        io.netty.util.concurrent.Future<?> bossDone = boss.shutdownGracefully(
                SbiEventLoops.SHUTDOWN_QUIET.toMillis(), SbiEventLoops.SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (ownWorkers != null) {
            SbiEventLoops.shutdown(ownWorkers);
        } else {
            initializer.closeConnections().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
        bossDone.awaitUninterruptibly(SbiEventLoops.SHUTDOWN_TIMEOUT.plusSeconds(1).toMillis());
    }

    /** Checks each setting as it is given, and refuses to build without a bind address and a handler. */
    public static final class Builder {
        private String name = "sbi";
        private InetSocketAddress bind;
        private org.keygate.tls.jsse.TlsEngines tlsEngines;
        private BcTlsServerConfig bcTls;
        private boolean cleartext;
        private int maxRequestBodyBytes = SbiServerConfig.DEFAULT_MAX_REQUEST_BODY_BYTES;
        private int maxConcurrentStreams = SbiServerConfig.DEFAULT_MAX_CONCURRENT_STREAMS;
        private int maxHeaderListSize = SbiServerConfig.DEFAULT_MAX_HEADER_LIST_SIZE;
        private Duration idleTimeout = SbiServerConfig.DEFAULT_IDLE_TIMEOUT;
        private int maxConnections = ConnectionLimits.DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerSource = ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_SOURCE;
        private Integer reservedConnections;
        private Duration handshakeTimeout = ConnectionLimits.DEFAULT_HANDSHAKE_TIMEOUT;
        private Duration idleTimeoutNearLimit = ConnectionLimits.DEFAULT_IDLE_TIMEOUT_NEAR_LIMIT;
        private Set<InetAddress> knownSources = Set.of();
        private int maxRequestsInFlight = SbiServerConfig.DEFAULT_MAX_REQUESTS_IN_FLIGHT;
        private H2Settings h2 = H2Settings.DEFAULT;
        private boolean http2Only;
        private PeerCheck peerCheck = PeerCheck.NONE;
        private Http1Upgrade http1Upgrade;
        private SbiEventLoops eventLoops;
        private SbiHandler handler;
        private MeterRegistry meters;

        private Builder() {}

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder bind(InetSocketAddress bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /** TLS on the JDK's engine with these parameters (needClientAuth for mutual TLS). */
        public Builder tls(SSLContext context, SSLParameters parameters) {
            return tls(org.keygate.tls.jsse.TlsEngines.jdk(Objects.requireNonNull(context, "context"),
                    Objects.requireNonNull(parameters, "parameters")));
        }

        /** TLS on the engines of the node's provider ({@code tls.provider}, docs/CONFIGURATION.md). */
        public Builder tls(org.keygate.tls.jsse.TlsEngines engines) {
            this.tlsEngines = Objects.requireNonNull(engines, "engines");
            return this;
        }

        /**
         * TLS by keygate's Bouncy Castle handler with this config (PSK, certificates, client auth...). Its ALPN list
         * is replaced by h2 then http/1.1, as for {@link #tls}.
         */
        public Builder bcTls(BcTlsServerConfig config) {
            this.bcTls = Objects.requireNonNull(config, "config");
            return this;
        }

        /** h2c with prior knowledge and HTTP/1.1, no TLS. */
        public Builder cleartext() {
            this.cleartext = true;
            return this;
        }

        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = positive("maxRequestBodyBytes", bytes);
            return this;
        }

        public Builder maxConcurrentStreams(int streams) {
            this.maxConcurrentStreams = positive("maxConcurrentStreams", streams);
            return this;
        }

        public Builder maxHeaderListSize(int bytes) {
            this.maxHeaderListSize = positive("maxHeaderListSize", bytes);
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /** Connections of all sources together; beyond it new ones are closed at once, before TLS. */
        public Builder maxConnections(int connections) {
            this.maxConnections = positive("maxConnections", connections);
            return this;
        }

        /** Connections from one IP address that is not a {@link #knownSources known source}. */
        public Builder maxConnectionsPerSource(int connections) {
            this.maxConnectionsPerSource = positive("maxConnectionsPerSource", connections);
            return this;
        }

        /** The last slots of {@link #maxConnections}, kept for known sources (default: a tenth). */
        public Builder reservedConnections(int connections) {
            if (connections < 0) {
                throw new IllegalArgumentException("reservedConnections: " + connections + " (expected: >= 0)");
            }
            this.reservedConnections = connections;
            return this;
        }

        /** The time a new connection has to complete TLS and send its HTTP/2 preface (or first HTTP/1.1 request). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /** Once the listener is near its limit, idle connections of unknown sources are closed after this. */
        public Builder idleTimeoutNearLimit(Duration timeout) {
            this.idleTimeoutNearLimit = positive("idleTimeoutNearLimit", timeout);
            return this;
        }

        /** The addresses of known partners: no per-source limit, the reserved slots, never closed early. */
        public Builder knownSources(Collection<InetAddress> sources) {
            this.knownSources = Set.copyOf(sources);
            return this;
        }

        /** Requests handed to the handler and not yet answered, all connections together; beyond it 503. */
        public Builder maxRequestsInFlight(int requests) {
            this.maxRequestsInFlight = positive("maxRequestsInFlight", requests);
            return this;
        }

        /**
         * Over TLS, HTTP/2 only: ALPN offers h2 alone, a client offering only http/1.1 fails the handshake
         * (no_application_protocol) and one offering no ALPN is closed after it (N32: TS 29.573 5.2).
         */
        /**
         * Checks each TLS client's certificate chain after its handshake, resumptions included (which the trust manager
         * does not see): a refusal closes the connection, logged and counted as
         * {@code keygate_sbi_connections_refused_total{reason="peer_check"}}. E.g. a partner revoked since it got its
         * session ticket (issue 18).
         */
        public Builder peerCheck(PeerCheck check) {
            this.peerCheck = java.util.Objects.requireNonNull(check, "peerCheck");
            return this;
        }

        /** HTTP/1.1 requests {@code upgrade} wants leave the server for its protocol (e.g. a WebSocket). */
        public Builder http1Upgrade(Http1Upgrade upgrade) {
            this.http1Upgrade = Objects.requireNonNull(upgrade, "http1Upgrade");
            return this;
        }

        public Builder http2Only() {
            this.http2Only = true;
            return this;
        }

        /** The HTTP/2 flow-control windows advertised. */
        public Builder h2(H2Settings settings) {
            this.h2 = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Accept on these shared loops (not closed with the server) instead of loops of its own. */
        public Builder eventLoops(SbiEventLoops loops) {
            this.eventLoops = Objects.requireNonNull(loops, "loops");
            return this;
        }

        public Builder handler(SbiHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Builder meterRegistry(MeterRegistry meters) {
            this.meters = Objects.requireNonNull(meters, "meters");
            return this;
        }

        public SbiServer build() {
            if (bind == null) {
                throw new IllegalStateException("bind: missing (expected: an address to listen on)");
            }
            if (handler == null) {
                throw new IllegalStateException("handler: missing");
            }
            int modes = (cleartext ? 1 : 0) + (tlsEngines != null ? 1 : 0) + (bcTls != null ? 1 : 0);
            if (modes != 1) {
                throw new IllegalStateException("choose one of tls(...), bcTls(...) and cleartext()");
            }
            if (http2Only && cleartext) {
                throw new IllegalStateException("http2Only: only with tls(...) or bcTls(...) (it acts on ALPN)");
            }
            int reserved = reservedConnections != null ? reservedConnections
                    : ConnectionLimits.defaultReserved(maxConnections);
            if (reserved >= maxConnections) {
                throw new IllegalStateException("reservedConnections: " + reserved + " (expected: < maxConnections "
                        + maxConnections + ")");
            }
            ConnectionLimits limits = new ConnectionLimits(maxConnections, maxConnectionsPerSource, reserved,
                    handshakeTimeout, idleTimeoutNearLimit, knownSources);
            return new SbiServer(new SbiServerConfig(name, bind, Optional.ofNullable(tlsEngines),
                    Optional.ofNullable(bcTls), maxRequestBodyBytes, maxConcurrentStreams, maxHeaderListSize,
                    idleTimeout, limits, maxRequestsInFlight, h2, http2Only, Optional.ofNullable(eventLoops), handler,
                    meters == null ? new SimpleMeterRegistry() : meters, peerCheck,
                    Optional.ofNullable(http1Upgrade)));
        }

        private static Duration positive(String name, Duration value) {
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
            }
            return value;
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
            }
            return value;
        }
    }
}
