package org.keygate.ims.mrfp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.bfcp.BfcpAttribute;
import org.keygate.ims.bfcp.BfcpAttributeType;
import org.keygate.ims.bfcp.BfcpDecoder;
import org.keygate.ims.bfcp.BfcpEncoder;
import org.keygate.ims.bfcp.BfcpLimits;
import org.keygate.ims.bfcp.BfcpMessage;
import org.keygate.ims.bfcp.BfcpMessages;
import org.keygate.ims.bfcp.BfcpPrimitive;
import org.keygate.ims.bfcp.BfcpServerHandler;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.ExternalPsk;
import org.slf4j.LoggerFactory;

/**
 * Issue 20 item 2, BFCP: two TLS-PSK BFCP clients of one MRFP conference on loopback. Alice sends tens of thousands
 * of Hellos without reading the HelloAcks (each answer several times the request's size); the MRFP stops reading from
 * her once her connection holds {@code maxQueuedBytesPerStream}, so its queue stays near that bound (without
 * back-pressure it would hold megabytes of answers). Bob, releasing the floor while Alice is full, makes the server
 * notify Alice: Bob is paused too, until Alice reads. Then every answer arrives once and in order, Bob is served again,
 * and each connection is logged once when it ends.
 */
class MrfpBfcpBackPressureTest {
    private static final long CONFERENCE = 7001;
    private static final int FLOOR = 1;
    private static final int ALICE = 11;
    private static final int BOB = 22;
    /** Hellos Alice sends without reading: some 60 bytes of answer each, megabytes in all. */
    private static final int HELLOS = 60_000;
    private static final int MAX_QUEUED = MrfpMediaSettings.MIN_QUEUED_BYTES;
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

    /** A BFCP client over TLS-PSK: keeps every message it receives, in order. */
    private static final class Client extends SimpleChannelInboundHandler<BfcpMessage> {
        final BlockingQueue<BfcpMessage> received = new LinkedBlockingQueue<>();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BfcpMessage msg) {
            received.add(msg);
        }

        BfcpMessage next() throws InterruptedException {
            BfcpMessage m = received.poll(30, TimeUnit.SECONDS);
            assertThat(m).as("a BFCP message within 30 s").isNotNull();
            return m;
        }
    }

    private Channel connect(ReservedTermination stream, ExternalPsk psk, Client client) {
        return new Bootstrap().group(clients).channel(NioSocketChannel.class)
                .option(ChannelOption.SO_RCVBUF, 4096)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(BcTlsHandler.client(MrfpTls.client(psk)),
                                new BfcpDecoder(BfcpLimits.DEFAULT), new BfcpEncoder(), client);
                    }
                }).connect(new InetSocketAddress("127.0.0.1", stream.port())).syncUninterruptibly().channel();
    }

    private static ExternalPsk psk(String identity) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return new ExternalPsk(identity, SecretBytes.copyOf(k));
    }

    private static BfcpMessage hello(int tid, int user) {
        return new BfcpMessage(BfcpPrimitive.HELLO, CONFERENCE, tid, user, List.of());
    }

    /** Primitive, Transaction ID and (for a FloorRequestStatus) the overall request status code, as read. */
    private static String describe(BfcpMessage m) {
        String s = m.primitive().map(Enum::name).orElse("?") + "/" + m.transactionId();
        for (BfcpAttribute info : m.all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION)) {
            BfcpAttribute.Grouped overall = (BfcpAttribute.Grouped) ((BfcpAttribute.Grouped) info)
                    .all(BfcpAttributeType.OVERALL_REQUEST_STATUS).getFirst();
            int rs = ((BfcpAttribute.Fixed) overall.all(BfcpAttributeType.REQUEST_STATUS).getFirst()).value();
            s += "/status" + (rs >> 8); // RFC 4582 5.2.5: 2 Accepted, 3 Granted, 6 Released
        }
        return s;
    }

    private static int floorRequestId(BfcpMessage status) {
        return ((BfcpAttribute.Grouped) status.all(BfcpAttributeType.FLOOR_REQUEST_INFORMATION).getFirst()).id();
    }

    private static List<String> lines(ListAppender<ILoggingEvent> logs) {
        synchronized (logs) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void aClientNotReadingItsAnswersIsStoppedAndEveryAnswerArrivesOnceInOrder() throws Exception {
        Logger serverLog = (Logger) LoggerFactory.getLogger(BfcpServerHandler.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        serverLog.addAppender(logs);
        try {
            mrfp = new Mrfp(new MrfpMediaSettings("127.0.0.1", 0, 0, 10, MAX_QUEUED), meters);
            MrfpConference conference = mrfp.createConference(CONFERENCE, Set.of(FLOOR));
            ReservedTermination aliceStream = mrfp.reserve(conference.id(), MediaKind.BFCP);
            ReservedTermination bobStream = mrfp.reserve(conference.id(), MediaKind.BFCP);
            ExternalPsk alicePsk = psk("alice-bfcp");
            ExternalPsk bobPsk = psk("bob-bfcp");
            mrfp.configure(aliceStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER,
                    ConnectionRole.SERVER, alicePsk, Optional.empty(), Optional.empty(), Optional.of(ALICE)));
            mrfp.configure(bobStream.terminationId(), new TerminationConfig(ConnectionRole.SERVER,
                    ConnectionRole.SERVER, bobPsk, Optional.empty(), Optional.empty(), Optional.of(BOB)));

            // Bob takes the floor.
            Client bob = new Client();
            Channel bobChannel = connect(bobStream, bobPsk, bob);
            bobChannel.writeAndFlush(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, CONFERENCE, 1, BOB,
                    List.of(BfcpMessages.floorId(FLOOR))));
            BfcpMessage granted = bob.next();
            assertThat(describe(granted)).isEqualTo("FLOOR_REQUEST_STATUS/1/status3");

            // Alice says Hello, then stops reading: asks for the floor (queued behind Bob) and sends the Hellos.
            Client alice = new Client();
            Channel aliceChannel = connect(aliceStream, alicePsk, alice);
            aliceChannel.writeAndFlush(hello(1, ALICE));
            assertThat(describe(alice.next())).isEqualTo("HELLO_ACK/1");
            aliceChannel.config().setAutoRead(false);
            aliceChannel.eventLoop().execute(() -> {
                aliceChannel.write(new BfcpMessage(BfcpPrimitive.FLOOR_REQUEST, CONFERENCE, 2, ALICE,
                        List.of(BfcpMessages.floorId(FLOOR))));
                for (int i = 0; i < HELLOS; i++) {
                    aliceChannel.write(hello(3 + i, ALICE));
                }
                aliceChannel.flush();
            });

            // Until the kernel's buffers toward Alice are full and the MRFP has stopped reading from her.
            Channel aliceAtMrfp = mrfp.termination(aliceStream.terminationId()).connection().orElseThrow();
            long maxQueued = 0;
            for (int polls = 0; polls < 60_000 && !(holdsRefusedBytes(aliceAtMrfp)
                    && !aliceAtMrfp.config().isAutoRead()); polls++) {
                maxQueued = Math.max(maxQueued, mrfp.queuedBytes());
                Thread.sleep(1);
            }
            assertThat(aliceAtMrfp.config().isAutoRead()).as("reading from Alice stopped").isFalse();

            // Bob releases: the server answers him and grants the floor to Alice, whose connection is full, so
            // reading from Bob stops too.
            bobChannel.writeAndFlush(new BfcpMessage(BfcpPrimitive.FLOOR_RELEASE, CONFERENCE, 2, BOB,
                    List.of(BfcpMessages.floorRequestId(floorRequestId(granted)))));
            assertThat(describe(bob.next())).isEqualTo("FLOOR_REQUEST_STATUS/2/status6");
            Channel bobAtMrfp = mrfp.termination(bobStream.terminationId()).connection().orElseThrow();
            for (int polls = 0; polls < 30_000 && bobAtMrfp.config().isAutoRead(); polls++) {
                maxQueued = Math.max(maxQueued, mrfp.queuedBytes());
                Thread.sleep(1);
            }
            assertThat(bobAtMrfp.config().isAutoRead()).as("reading from Bob stopped for Alice").isFalse();
            bobChannel.writeAndFlush(hello(3, BOB));

            // Alice reads everything: her answers in order, and the grant (RFC 4582 13.1.2: Transaction ID 0) where
            // the server sent it, between the answers to the Hellos it had read when Bob released.
            aliceChannel.config().setAutoRead(true);
            List<String> expected = new ArrayList<>();
            expected.add("FLOOR_REQUEST_STATUS/2/status2");
            for (int i = 0; i < HELLOS; i++) {
                expected.add("HELLO_ACK/" + (3 + i));
            }
            String grant = "FLOOR_REQUEST_STATUS/0/status3";
            List<String> got = new ArrayList<>();
            for (int i = 0; i < expected.size() + 1; i++) {
                got.add(describe(alice.next()));
                if (i % 1000 == 0) {
                    maxQueued = Math.max(maxQueued, mrfp.queuedBytes());
                }
            }
            assertThat(got.stream().filter(grant::equals).count()).as("grants to Alice").isEqualTo(1);
            assertThat(got.indexOf(grant)).as("the grant after Alice's request was accepted").isPositive();
            assertThat(got.stream().filter(m -> !m.equals(grant)).toList()).as("Alice's answers, once, in order")
                    .isEqualTo(expected);
            assertThat(describe(bob.next())).as("Bob served again").isEqualTo("HELLO_ACK/3");
            System.out.println("MrfpBfcpBackPressureTest: max queued at the MRFP " + maxQueued + " bytes, senders paused "
                    + meters.counter("keygate.ims.bfcp.sender.pauses").count() + " times");
            // The bound plus one answer's worth (a read() lets one more request through): far below the megabytes
            // of answers Alice asked for.
            assertThat(maxQueued).as("the MRFP's queued bytes").isLessThan(2L * MAX_QUEUED);
            assertThat(meters.counter("keygate.ims.bfcp.sender.pauses").count()).isGreaterThanOrEqualTo(2.0);

            aliceChannel.close().syncUninterruptibly();
            bobChannel.close().syncUninterruptibly();
            for (int polls = 0; polls < 30_000 && lines(logs).size() < 2; polls++) {
                Thread.sleep(1);
            }
            assertThat(lines(logs)).hasSize(2).allSatisfy(line -> assertThat(line).contains("ended"));
            assertThat(meters.counter("keygate.ims.bfcp.connections.ended").count()).isEqualTo(2.0);
        } finally {
            serverLog.detachAppender(logs);
        }
    }

    /** Whether {@code ch} is not writable and keeps bytes its socket refused (the kernel's buffers are full). */
    private static boolean holdsRefusedBytes(Channel ch) throws Exception {
        return ch.eventLoop().submit(() -> !ch.isWritable() && ch.unsafe().outboundBuffer() != null
                && ch.unsafe().outboundBuffer().size() > 0).get(15, TimeUnit.SECONDS);
    }
}
