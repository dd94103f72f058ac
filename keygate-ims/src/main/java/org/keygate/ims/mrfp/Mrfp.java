package org.keygate.ims.mrfp;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.keygate.ims.bfcp.BfcpLimits;
import org.keygate.ims.bfcp.BfcpPipeline;
import org.keygate.ims.msrp.ChatParticipant;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpPipeline;
import org.keygate.ims.flow.RelayBackPressure;
import org.keygate.ims.flow.RelayCounters;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.tls.bc.BcTlsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MRFP's media side (TS 23.333 5.20.2): conferences with an MSRP chat relay and a BFCP floor server, and per media
 * stream a reserved TCP port, then, on the MRFC's configuration, a TCP connection as client or server and TLS-PSK as
 * client or server with that stream's PSK ({@link MrfpTls}). The TCP connection is released as soon as the TLS
 * session ends (the TLS handler closes it). Failures are reported as {@link MrfpEvent}s.
 *
 * <p>The MRFC drives it through {@link MrfpControlApi} (JSON over HTTP); the methods here are that API's core.
 * Lifecycle: construct, use, {@link #close()} (closes every listener and connection).
 */
public final class Mrfp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mrfp.class);
    /** A UE that does not answer a TCP SYN within this is reported as TCP_FAILURE. */
    public static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final String mediaHost;
    private final MrfpMediaSettings settings;
    private final MeterRegistry meters;
    private final MediaMetricsHandler mediaMetrics;
    private final RelayCounters msrpCounters;
    private final RelayCounters bfcpCounters;
    private final java.util.concurrent.atomic.AtomicInteger nextPort = new java.util.concurrent.atomic.AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    private final Map<String, MrfpConference> conferences = new ConcurrentHashMap<>();
    private final Map<String, MediaTermination> terminations = new ConcurrentHashMap<>();
    private final MrfpEvents events;
    private final SecureRandom random = new SecureRandom();
    /** Set by {@link #drain}: no new conference or stream from then on. */
    private volatile boolean draining;

    /** @param mediaHost the IP address the media listeners bind to and SDP announces */
    public Mrfp(String mediaHost) {
        this(MrfpMediaSettings.ephemeral(mediaHost), new SimpleMeterRegistry());
    }

    /**
     * @param meters gets {@code keygate_ims_mrfp_events_total{type}} (TLS-PSK handshakes as TLS_ESTABLISHED, failures
     *     as TLS_FAILURE, ...), {@code keygate_ims_mrfp_msrp_sends_total}, {@code keygate_ims_mrfp_floor_requests_total},
     *     the MSRP relay's and the BFCP floor server's {@link RelayCounters}, the gauges {@code keygate_ims_mrfp_terminations} and
     *     {@code keygate_ims_mrfp_queued_bytes}
     */
    public Mrfp(MrfpMediaSettings settings, MeterRegistry meters) {
        this.settings = settings;
        this.mediaHost = settings.mediaHost();
        this.meters = meters;
        this.events = new MrfpEvents(type -> meters.counter("keygate.ims.mrfp.events", "type", type.name()).increment());
        this.mediaMetrics = new MediaMetricsHandler(meters.counter("keygate.ims.mrfp.msrp.sends"),
                meters.counter("keygate.ims.mrfp.floor.requests"));
        this.nextPort.set(settings.minPort());
        meters.gauge("keygate.ims.mrfp.terminations", terminations, Map::size);
        this.msrpCounters = RelayCounters.in(meters, "msrp");
        this.bfcpCounters = RelayCounters.in(meters, "bfcp");
        meters.gauge("keygate.ims.mrfp.queued.bytes", this, Mrfp::queuedBytes);
    }

    public MrfpEvents events() {
        return events;
    }

    public MrfpConference createConference(long bfcpConferenceId, Set<Integer> floorIds) {
        refuseWhileDraining();
        MrfpConference c = new MrfpConference(newId(), bfcpConferenceId, floorIds, group.next());
        conferences.put(c.id(), c);
        return c;
    }

    public Optional<MrfpConference> conference(String id) {
        return Optional.ofNullable(conferences.get(id));
    }

    /** Reserves a stream: binds its listener now so its port can go into SDP. */
    public ReservedTermination reserve(String conferenceId, MediaKind kind) {
        MrfpConference conference = conference(conferenceId)
                .orElseThrow(() -> new NoSuchElementException("no conference " + conferenceId));
        refuseWhileDraining();
        if (terminations.size() >= settings.maxTerminations()) {
            throw new CapacityException("maxTerminations " + settings.maxTerminations() + " reached");
        }
        String id = newId();
        MediaTermination[] holder = new MediaTermination[1];
        // the stream's connection on its conference's event loop: a relayed chunk is written on the thread that read it
        ServerBootstrap bootstrap = new ServerBootstrap().group(group, conference.eventLoop())
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        MediaTermination t = holder[0];
                        if (t == null || !t.attach(ch)) {
                            LOG.info("connection to termination {} refused: not configured, taken or released", id);
                            ch.close();
                            return;
                        }
                        events.add(conferenceId, id, MrfpEvent.Type.TCP_ESTABLISHED, "accepted");
                        mediaPipeline(ch, t);
                    }
                });
        Channel listener = bind(bootstrap);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        Optional<MsrpUri> path = kind == MediaKind.MSRP ? Optional.of(MsrpUri.secure(hostPort(port), newId()))
                : Optional.empty();
        MediaTermination t = new MediaTermination(id, conference, kind, path, listener);
        holder[0] = t;
        terminations.put(id, t);
        return new ReservedTermination(conferenceId, id, kind, mediaHost, port, path.map(MsrpUri::toString).orElse(null));
    }

    /** Any ephemeral port, or the next free one of the range, round robin (a port just released rests longest). */
    private Channel bind(ServerBootstrap bootstrap) {
        if (settings.ephemeralPorts()) {
            return bootstrap.bind(new InetSocketAddress(mediaHost, 0)).syncUninterruptibly().channel();
        }
        int span = settings.maxPort() - settings.minPort() + 1;
        for (int i = 0; i < span; i++) {
            int port = settings.minPort() + Math.floorMod(nextPort.getAndIncrement() - settings.minPort(), span);
            ChannelFuture f = bootstrap.bind(new InetSocketAddress(mediaHost, port)).awaitUninterruptibly();
            if (f.isSuccess()) {
                return f.channel();
            }
        }
        throw new CapacityException("no free media port in " + settings.minPort() + "-" + settings.maxPort());
    }

    /**
     * Configures a reserved stream; as TCP client the MRFP connects at once (TS 23.333 5.20.2: "start a TCP connection
     * establishment by sending a TCP SYN") and, as TLS client, starts TLS when it is up.
     */
    public void configure(String terminationId, TerminationConfig config) {
        MediaTermination t = termination(terminationId);
        if (t.kind == MediaKind.MSRP && config.remoteMsrpPath().isEmpty()) {
            throw new IllegalArgumentException("an MSRP stream needs the UE's MSRP path");
        }
        if (t.kind == MediaKind.BFCP && config.bfcpUserId().isEmpty()) {
            throw new IllegalArgumentException("a BFCP stream needs the UE's BFCP User ID");
        }
        t.configure(config);
        switch (t.kind) {
            case MSRP -> t.conference.chat().add(new ChatParticipant(t.id, t.localMsrpPath.orElseThrow(),
                    config.remoteMsrpPath().orElseThrow()));
            case BFCP -> t.conference.floors().addUser(config.bfcpUserId().orElseThrow());
        }
        if (config.tcpRole() == ConnectionRole.CLIENT) {
            t.listener.close();
            connect(t, config.remote().orElseThrow());
        }
    }

    private void connect(MediaTermination t, InetSocketAddress remote) {
        ChannelFuture f = new Bootstrap().group(t.conference.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!t.attach(ch)) {
                            ch.close();
                            return;
                        }
                        mediaPipeline(ch, t);
                    }
                }).connect(remote);
        f.addListener(done -> {
            if (done.isSuccess()) {
                events.add(t.conference.id(), t.id, MrfpEvent.Type.TCP_ESTABLISHED, "connected");
            } else {
                LOG.info("TCP to {} for termination {} failed: {}", remote, t.id, done.cause().toString());
                events.add(t.conference.id(), t.id, MrfpEvent.Type.TCP_FAILURE, done.cause().getClass().getSimpleName());
            }
        });
    }

    private void mediaPipeline(Channel ch, MediaTermination t) {
        TerminationConfig config = t.config().orElseThrow();
        ch.pipeline().addLast("tls", config.tlsRole() == ConnectionRole.SERVER
                ? BcTlsHandler.server(MrfpTls.server(config.psk())) : BcTlsHandler.client(MrfpTls.client(config.psk())));
        ch.pipeline().addLast("media-session", new MediaSessionHandler(t, events));
        switch (t.kind) {
            case MSRP -> {
                MsrpPipeline.addRelay(ch.pipeline(), t.conference.chat(), MsrpLimits.DEFAULT,
                        settings.maxQueuedBytesPerStream(), msrpCounters);
                ch.pipeline().addBefore("msrp-relay", "metrics", mediaMetrics);
            }
            case BFCP -> {
                BfcpPipeline.addFloorServer(ch.pipeline(), t.conference.floors(), BfcpLimits.DEFAULT,
                        settings.maxQueuedBytesPerStream(), bfcpCounters);
                ch.pipeline().addBefore("bfcp-server", "metrics", mediaMetrics);
            }
        }
    }

    /** Bytes queued for writing on all media connections now (the gauge {@code keygate.ims.mrfp.queued.bytes}). */
    public long queuedBytes() {
        long sum = 0;
        for (MediaTermination t : terminations.values()) {
            sum += t.connection().map(RelayBackPressure::queuedBytes).orElse(0L);
        }
        return sum;
    }

    /** Releases a stream: its listener and connection close. */
    public void release(String terminationId) {
        MediaTermination t = terminations.remove(terminationId);
        if (t == null) {
            throw new NoSuchElementException("no termination " + terminationId);
        }
        t.release();
    }

    MediaTermination termination(String id) {
        MediaTermination t = terminations.get(id);
        if (t == null) {
            throw new NoSuchElementException("no termination " + id);
        }
        return t;
    }

    private String hostPort(int port) {
        return (mediaHost.contains(":") ? "[" + mediaHost + "]" : mediaHost) + ":" + port;
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private void refuseWhileDraining() {
        if (draining) {
            throw new CapacityException("the MRFP is stopping: no new conferences or streams");
        }
    }

    /**
     * The first half of a draining stop ({@link MediaDrain}): no new conferences or streams (503 on the control API),
     * the established streams run on, and may be released, for at most {@code timeout}; those left then end with TLS
     * close_notify, one log line each. Returns how many the timeout ended. Then {@link #close}.
     */
    public int drain(java.time.Duration timeout) {
        draining = true;
        return MediaDrain.run(terminations, timeout).endedAtTimeout();
    }

    @Override
    public void close() {
        terminations.values().forEach(MediaTermination::release);
        terminations.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Out of streams or media ports (the control API answers 503). */
    public static final class CapacityException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CapacityException(String message) {
            super(message);
        }
    }

    /** An unknown conference or termination (the control API answers 404). */
    public static final class NoSuchElementException extends java.util.NoSuchElementException {
        private static final long serialVersionUID = 1L;

        NoSuchElementException(String message) {
            super(message);
        }
    }
}
