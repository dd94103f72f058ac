package org.keygate.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mrfp.ConnectionRole;
import org.keygate.ims.mrfp.MediaKind;
import org.keygate.ims.mrfp.MrfpControlClient;
import org.keygate.ims.mrfp.MrfpTls;
import org.keygate.ims.mrfp.ReservedTermination;
import org.keygate.ims.msrp.Continuation;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpHeader;
import org.keygate.ims.msrp.MsrpIdents;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpMessage;
import org.keygate.ims.msrp.MsrpRequest;
import org.keygate.ims.msrp.MsrpResponse;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.ExternalPsk;

/**
 * What the MRFP bench drivers ({@link MrfpSlowReader}, {@link MrfpRelayCpu}) share: {@code keygate ims mrfp} started by
 * the launcher with one MSRP chat set up through its control API, the two participants (Alice sending numbered SEND
 * chunks whenever her connection is writable, Bob checking that each arrives once, in order and intact) and their
 * connections, TLS-PSK to the MRFP or plain TCP (to a stunnel4 pair, which does the TLS).
 */
final class MrfpChat {
    private MrfpChat() {
    }

    /** A participant: counts what it reads off the socket, checks the SENDs it receives. */
    static final class Participant extends SimpleChannelInboundHandler<MsrpMessage> {
        final AtomicLong socketBytes = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final AtomicLong wrongBodies = new AtomicLong();
        final CompletableFuture<MsrpResponse> bound = new CompletableFuture<>();
        final int chunkBytes;

        Participant(int chunkBytes) {
            this.chunkBytes = chunkBytes;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MsrpMessage msg) {
            switch (msg) {
                case MsrpRequest r -> {
                    long expected = received.getAndIncrement();
                    if (!r.header("Message-ID").orElse("").equals("msg-" + expected)) {
                        outOfOrder.incrementAndGet();
                    }
                    byte[] body = r.body();
                    if (body.length != chunkBytes || body[0] != fill(expected) || body[body.length - 1] != fill(expected)) {
                        wrongBodies.incrementAndGet();
                    }
                }
                case MsrpResponse r -> bound.complete(r);
            }
        }

        /** Every chunk Alice sent arrived once, in order and intact. */
        boolean gotInOrder(long sent) {
            return received.get() == sent && outOfOrder.get() == 0 && wrongBodies.get() == 0;
        }

        /** The line saying so, or how not. */
        String verdict(long sent) {
            return "%d of %d chunks received, %d out of order or duplicated, %d wrong bodies: %s".formatted(
                    received.get(), sent, outOfOrder.get(), wrongBodies.get(),
                    gotInOrder(sent) ? "every chunk once and in order" : "FAILED");
        }

        /** Counts the octets read off the socket (TLS records or plain MSRP): first in the pipeline. */
        ChannelHandler socketCounter() {
            return new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    socketBytes.addAndGet(((ByteBuf) msg).readableBytes());
                    ctx.fireChannelRead(msg);
                }
            };
        }
    }

    /** Alice's chunk {@code i}: a body of {@code chunkBytes} octets of one letter, so Bob can check it. */
    static MsrpRequest chunk(MsrpUri to, MsrpUri from, long i, int chunkBytes) {
        byte[] body = new byte[chunkBytes];
        Arrays.fill(body, fill(i));
        return send(to, from, "msg-" + i, body);
    }

    private static byte fill(long i) {
        return (byte) ('a' + i % 26);
    }

    static MsrpRequest send(MsrpUri to, MsrpUri from, String messageId, byte[] body) {
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", messageId),
                        new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length)),
                body.length == 0 ? Optional.empty() : Optional.of("text/plain"), body, Continuation.END);
    }

    /**
     * Alice's sending: on her event loop, chunks while her connection is writable and until {@code deadline}
     * (System.nanoTime), again at each writability change; returns how many were sent (so far).
     */
    static AtomicLong pump(Channel alice, MsrpUri to, MsrpUri from, int chunkBytes, long deadline) {
        AtomicLong sent = new AtomicLong();
        Runnable pump = () -> {
            while (alice.isWritable() && System.nanoTime() < deadline) {
                alice.write(chunk(to, from, sent.getAndIncrement(), chunkBytes));
            }
            alice.flush();
        };
        alice.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                    pump.run();
                }
                ctx.fireChannelWritabilityChanged();
            }
        });
        alice.eventLoop().execute(pump);
        return sent;
    }

    /** A participant's connection to {@code port}: TLS-PSK (handshake done) if {@code psk} is given, else plain TCP. */
    static Channel connect(EventLoopGroup group, int port, ExternalPsk psk, Participant p, boolean slow) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class);
        if (slow) { // one read() = one socket read of at most 32 KiB, paced by the caller
            b.option(ChannelOption.SO_RCVBUF, 64 * 1024)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(32 * 1024).maxMessagesPerRead(1));
        }
        Channel ch = b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(p.socketCounter());
                if (psk != null) {
                    ch.pipeline().addLast(BcTlsHandler.client(MrfpTls.client(psk)));
                }
                ch.pipeline().addLast(new MsrpDecoder(MsrpLimits.DEFAULT), new MsrpEncoder(), p);
            }
        }).connect(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        if (psk != null) { // writes before the handshake's end wait inside the TLS handler, unseen by writability
            var handshake = ch.pipeline().get(BcTlsHandler.class).handshakeFuture();
            if (!handshake.awaitUninterruptibly(15, TimeUnit.SECONDS) || !handshake.isSuccess()) {
                ch.close();
                throw new IllegalStateException("TLS-PSK handshake with port " + port + " did not succeed: "
                        + (handshake.isDone() ? handshake.cause() : "no answer in 15 s"));
            }
        }
        return ch;
    }

    /** A random 16-octet external PSK. */
    static ExternalPsk psk(String identity) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return new ExternalPsk(identity, SecretBytes.copyOf(k));
    }

    /** {@code keygate ims mrfp} started by {@code launcher} from a config written to {@code out}, listening. */
    static Mrfp startMrfp(String launcher, Path out) throws IOException, InterruptedException {
        int[] ports = FreePorts.loopback(2);
        Path yaml = Files.writeString(out.resolve("mrfp.yaml"), """
                control: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                media: {host: 127.0.0.1, minPort: 0, maxPort: 0, maxTerminations: 10}
                """.formatted(ports[0], ports[1]));
        LabProcess process = LabProcess.of("mrfp", List.of(launcher, "ims", "mrfp", "--config", yaml.toString()), out,
                Duration.ofSeconds(10)).start();
        try {
            process.awaitListening(List.of(new InetSocketAddress("127.0.0.1", ports[0])), Duration.ofSeconds(60));
        } catch (IOException | InterruptedException e) {
            process.close();
            throw e;
        }
        return new Mrfp(process, new MrfpControlClient(URI.create("http://127.0.0.1:" + ports[0])));
    }

    /** A running MRFP and its control API. */
    record Mrfp(LabProcess process, MrfpControlClient control) implements AutoCloseable {
        /**
         * One conference with two MSRP terminations, Bob and then Alice connected over TLS-PSK and bound (an empty
         * SEND each, RFC 4975 5.4); Bob's connection paced by the caller if {@code slowBob}.
         */
        Chat chat(EventLoopGroup group, int chunkBytes, boolean slowBob) throws Exception {
            String conference = control.createConference(1, List.of(1));
            ReservedTermination aliceStream = control.reserve(conference, MediaKind.MSRP);
            ReservedTermination bobStream = control.reserve(conference, MediaKind.MSRP);
            MsrpUri alicePath = MsrpUri.secure("127.0.0.1:9", "aliceUE1");
            MsrpUri bobPath = MsrpUri.secure("127.0.0.1:9", "bobUE1");
            ExternalPsk alicePsk = psk("alice-tek-id");
            ExternalPsk bobPsk = psk("bob-tek-id");
            control.configure(aliceStream.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, alicePsk,
                    null, null, alicePath.toString(), null);
            control.configure(bobStream.terminationId(), ConnectionRole.SERVER, ConnectionRole.SERVER, bobPsk, null,
                    null, bobPath.toString(), null);
            MsrpUri relayForAlice = MsrpUri.parse(aliceStream.msrpPath());
            Participant alice = new Participant(chunkBytes);
            Participant bob = new Participant(chunkBytes);
            Channel bobChannel = connect(group, bobStream.port(), bobPsk, bob, slowBob);
            bobChannel.writeAndFlush(send(MsrpUri.parse(bobStream.msrpPath()), bobPath, "bobBind", new byte[0]));
            bob.bound.get(15, TimeUnit.SECONDS);
            Channel aliceChannel = connect(group, aliceStream.port(), alicePsk, alice, false);
            aliceChannel.writeAndFlush(send(relayForAlice, alicePath, "aliceBind", new byte[0]));
            alice.bound.get(15, TimeUnit.SECONDS);
            return new Chat(alice, aliceChannel, bob, bobChannel, relayForAlice, alicePath);
        }

        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /** Both participants connected; Alice sends to {@code to} from {@code from}. */
    record Chat(Participant alice, Channel aliceChannel, Participant bob, Channel bobChannel, MsrpUri to,
            MsrpUri from) {
        void close() {
            aliceChannel.close().syncUninterruptibly();
            bobChannel.close().syncUninterruptibly();
        }
    }
}
