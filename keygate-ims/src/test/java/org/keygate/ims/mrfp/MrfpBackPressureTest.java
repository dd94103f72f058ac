package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpIdents;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpMessage;
import org.keygate.ims.msrp.MsrpRelayHandler;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.ExternalPsk;
import org.slf4j.LoggerFactory;

/**
 * Issue 20 item 2: two TLS-PSK participants of an MRFP chat on loopback, one sending 32 KiB chunks as fast as TCP
 * lets it, the other reading slowly (a small receive buffer, one 8 KiB read per millisecond). The MRFP stops reading from
 * the sender while the receiver's connection is full: its queued bytes stay near the per-stream bound (without
 * back-pressure they grow to most of what was sent), and every chunk arrives once and in order.
 */
class MrfpBackPressureTest {
    /** 32 MiB: well beyond what the kernel's socket buffers on the way can hold (some 10 MiB on loopback). */
    private static final int CHUNKS = 1024;
    private static final int CHUNK_BYTES = 32 * 1024;
    private static final int MAX_QUEUED = 128 * 1024;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EventLoopGroup clients = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Mrfp mrfp;

    @AfterEach
    void stop() {
        clients.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (mrfp != null) {
            mrfp.close();
        }
    }

    /**
     * A UE: TLS-PSK client, MSRP codec. Of each SEND it receives it keeps the Message-ID, and whether the body is
     * the one sent as that chunk (not the body: 32 MiB).
     */
    private static final class Ue extends SimpleChannelInboundHandler<MsrpMessage> {
        final List<String> receivedIds = new CopyOnWriteArrayList<>();
        final List<String> wrongBodies = new CopyOnWriteArrayList<>();
        final CompletableFuture<MsrpResponse> firstResponse = new CompletableFuture<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MsrpMessage msg) {
            switch (msg) {
                case MsrpRequest r -> {
                    String id = r.header("Message-ID").orElse("?");
                    receivedIds.add(id);
                    if (!Arrays.equals(r.body(), chunk(receivedIds.size() - 1))) {
                        wrongBodies.add(id);
                    }
                }
                case MsrpResponse r -> firstResponse.complete(r);
            }
        }
    }

    private static byte[] chunk(int i) {
        byte[] body = new byte[CHUNK_BYTES];
        Arrays.fill(body, (byte) ('a' + i % 26));
        return body;
    }

    private Channel connect(ReservedTermination stream, ExternalPsk psk, Ue ue, int receiveBuffer) {
        return new Bootstrap().group(clients).channel(NioSocketChannel.class)
                .option(ChannelOption.SO_RCVBUF, receiveBuffer)
                // one read() = one socket read of at most 8 KiB, so that the slow reader is slow
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(8 * 1024).maxMessagesPerRead(1))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(BcTlsHandler.client(MrfpTls.client(psk)),
                                new MsrpDecoder(MsrpLimits.DEFAULT), new MsrpEncoder(), ue);
                    }
                }).connect(new InetSocketAddress("127.0.0.1", stream.port())).syncUninterruptibly().channel();
    }

    private static MsrpRequest send(MsrpUri to, MsrpUri from, String messageId, byte[] body) {
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", messageId),
                        new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length)),
                body.length == 0 ? Optional.empty() : Optional.of("text/plain"), body, Continuation.END);
    }

    private static ExternalPsk psk(String identity) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return new ExternalPsk(identity, SecretBytes.copyOf(k));
    }

    /** Alice and Bob, each bound to its MSRP session at the MRFP over TLS-PSK. */
    private final class Chat {
        final Ue alice = new Ue();
        final Ue bob = new Ue();
        final Channel aliceChannel;
        final Channel bobChannel;
        final MsrpUri relayForAlice;
        final MsrpUri alicePath = MsrpUri.secure("127.0.0.1:9", "aliceUE1");
        final ReservedTermination aliceStream;
        final ReservedTermination bobStream;

        Chat() throws Exception {
            mrfp = new Mrfp(new MrfpMediaSettings("127.0.0.1", 0, 0, 10, MAX_QUEUED), meters);
            MrfpConference conference = mrfp.createConference(1, Set.of(1));
            aliceStream = mrfp.reserve(conference.id(), MediaKind.MSRP);
            bobStream = mrfp.reserve(conference.id(), MediaKind.MSRP);
            MsrpUri bobPath = MsrpUri.secure("127.0.0.1:9", "bobUE1");
            ExternalPsk alicePsk = psk("alice-tek-id");
            ExternalPsk bobPsk = psk("bob-tek-id");
            mrfp.configure(aliceStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER,
                    ConnectionRole.SERVER, alicePsk, Optional.empty(), Optional.of(alicePath), Optional.empty()));
            mrfp.configure(bobStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER,
                    ConnectionRole.SERVER, bobPsk, Optional.empty(), Optional.of(bobPath), Optional.empty()));
            relayForAlice = MsrpUri.parse(aliceStream.msrpPath());
            MsrpUri relayForBob = MsrpUri.parse(bobStream.msrpPath());
            bobChannel = connect(bobStream, bobPsk, bob, 32 * 1024);
            bobChannel.writeAndFlush(send(relayForBob, bobPath, "bobBind1", new byte[0]));
            assertThat(bob.firstResponse.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
            aliceChannel = connect(aliceStream, alicePsk, alice, 256 * 1024);
            aliceChannel.writeAndFlush(send(relayForAlice, alicePath, "aliceBind1", new byte[0]));
            assertThat(alice.firstResponse.get(15, TimeUnit.SECONDS).status()).isEqualTo(200);
        }

        /** The MRFP's end of {@code stream}'s connection. */
        Channel atMrfp(ReservedTermination stream) {
            return mrfp.termination(stream.terminationId()).connection().orElseThrow();
        }

        /** Alice sends every chunk as fast as TCP lets her. */
        void aliceSendsAll() {
            aliceChannel.eventLoop().execute(() -> {
                for (int i = 0; i < CHUNKS; i++) {
                    aliceChannel.write(send(relayForAlice, alicePath, "chunk" + i, chunk(i)));
                }
                aliceChannel.flush();
            });
        }
    }

    @Test
    void aSlowReceiverSlowsItsSenderAndEveryChunkArrivesOnceInOrder() throws Exception {
        Chat chat = new Chat();
        Ue bob = chat.bob;
        Channel bobChannel = chat.bobChannel;
        Channel aliceChannel = chat.aliceChannel;

        // Bob reads one 8 KiB socket read per millisecond from now on (at most 8 MB/s).
        bobChannel.config().setAutoRead(false);
        ScheduledFuture<?> slowReads = bobChannel.eventLoop().scheduleAtFixedRate(bobChannel::read, 1, 1,
                TimeUnit.MILLISECONDS);
        chat.aliceSendsAll();

        long maxQueued = 0;
        for (int polls = 0; polls < 120_000 && bob.receivedIds.size() < CHUNKS; polls++) {
            maxQueued = Math.max(maxQueued, mrfp.queuedBytes());
            Thread.sleep(0, 500_000);
        }
        slowReads.cancel(false);
        System.out.println("MrfpBackPressureTest: max queued at the MRFP " + maxQueued + " bytes, sender paused "
                + meters.counter("keygate.ims.msrp.sender.pauses").count() + " times");

        List<String> expectedIds = new java.util.ArrayList<>();
        for (int i = 0; i < CHUNKS; i++) {
            expectedIds.add("chunk" + i);
        }
        assertThat(bob.receivedIds).containsExactlyElementsOf(expectedIds);
        assertThat(bob.wrongBodies).isEmpty();
        // The bound, plus what the MRFP had already read from Alice when it stopped (a socket read, a few chunks):
        // far below the megabytes queued without back-pressure.
        assertThat(maxQueued).as("the MRFP's queued bytes").isPositive().isLessThan(4L * MAX_QUEUED);
        assertThat(meters.counter("keygate.ims.msrp.sender.pauses").count()).isPositive();
        aliceChannel.close().syncUninterruptibly();
        bobChannel.close().syncUninterruptibly();
    }

    /**
     * Whether {@code ch} cannot take more and keeps bytes its socket did not accept at the last write (flushed but
     * unwritten): the kernel's buffers toward its peer are full. Read on its event loop, which owns that state.
     */
    private static boolean holdsRefusedBytes(Channel ch) throws Exception {
        return ch.eventLoop().submit(() -> !ch.isWritable() && ch.unsafe().outboundBuffer() != null
                && ch.unsafe().outboundBuffer().size() > 0).get(15, TimeUnit.SECONDS);
    }

    /** The lines logged so far; the appender appends under its own lock, so this reads under it too. */
    private static List<String> lines(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /**
     * Issue 20 item 3: a receiver that leaves with chunks still queued for it fails those forwards: they are counted,
     * and the relay logs one line per ended connection (before: one per failed forward).
     */
    @Test
    void aReceiverLeavingMidStreamGivesOneLogLinePerConnectionAndCountedFailures() throws Exception {
        Logger relayLog = (Logger) LoggerFactory.getLogger(MsrpRelayHandler.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        relayLog.addAppender(logs);
        try {
            Chat chat = new Chat();
            chat.bobChannel.config().setAutoRead(false); // Bob reads nothing: chunks queue up for him at the MRFP
            chat.aliceSendsAll();
            // The first pauses do not mean that: Alice's and Bob's connections are on different event loops of the
            // MRFP, and a chunk handed from one to the other counts as queued until Bob's loop has written it, so
            // Alice is paused for chunks still in flight between the loops; they then go into the socket buffers
            // toward Bob (hundreds of KiB on loopback), Bob's connection drains, Alice resumes. Only once those
            // buffers are full do the chunks stay queued: Bob's connection at the MRFP holds bytes its socket
            // refused, and Alice stays paused. (Waiting for the first pause, this test met an empty queue.)
            Channel bobAtMrfp = chat.atMrfp(chat.bobStream);
            Channel aliceAtMrfp = chat.atMrfp(chat.aliceStream);
            for (int polls = 0; polls < 30_000 && !(holdsRefusedBytes(bobAtMrfp)
                    && !aliceAtMrfp.config().isAutoRead()); polls++) {
                Thread.sleep(1);
            }
            assertThat(meters.counter("keygate.ims.msrp.sender.pauses").count()).isPositive();
            assertThat(mrfp.queuedBytes()).isPositive();
            chat.bobChannel.close().syncUninterruptibly();
            chat.aliceChannel.close().syncUninterruptibly();
            // Each connection counts its end before it logs it: wait for the lines, not for the counter.
            for (int polls = 0; polls < 30_000 && lines(logs).size() < 2; polls++) {
                Thread.sleep(1);
            }
            assertThat(meters.counter("keygate.ims.msrp.connections.ended").count()).isEqualTo(2.0);
            assertThat(meters.counter("keygate.ims.msrp.forwards.failed").count()).isPositive();
            assertThat(lines(logs)).hasSize(2).allSatisfy(line -> assertThat(line).contains("ended"));
        } finally {
            relayLog.detachAppender(logs);
        }
    }
}
