package org.keygate.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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
 * Issue 20's MRFP line as a bench driver: {@code keygate ims mrfp} started by the launcher (so with its JVM settings
 * and KEYGATE_JAVA_OPTS), one MSRP chat through it between two TLS-PSK participants on loopback, Alice sending chunks
 * as fast as her connection takes them, Bob reading at most {@code rate} bytes per second, for {@code seconds}; then
 * Bob reads the rest at full speed. Prints what was sent and received and at what rates, the MRFP's peak resident
 * memory (VmRSS sampled every 100 ms, and VmHWM) and CPU per message, and whether every message arrived once and in
 * order (Message-ID sequence, body pattern). Exits 1 if not, or if the peak RSS reached 256 MiB.
 *
 * <p>Arguments: {@code [seconds=30] [rate bytes/s=5000000] [chunk bytes=32768] [launcher=./keygate] [out dir]}.
 */
public final class MrfpSlowReader {
    static final long RSS_LIMIT_KIB = 256 * 1024;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    private MrfpSlowReader() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        long rate = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
        int chunkBytes = args.length > 2 ? Integer.parseInt(args[2]) : 32 * 1024;
        String launcher = args.length > 3 ? args[3] : "./keygate";
        Path out = Files.createDirectories(Path.of(args.length > 4 ? args[4] : "keygate-bench/target/mrfp-slow-reader"));
        MrfpSlowReader bench = new MrfpSlowReader();
        try {
            System.exit(bench.run(seconds, rate, chunkBytes, launcher, out) ? 0 : 1);
        } finally {
            bench.group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    /** A participant: counts what it reads off the socket, checks the SENDs it receives. */
    private static final class Participant extends SimpleChannelInboundHandler<MsrpMessage> {
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
    }

    private static byte fill(long i) {
        return (byte) ('a' + i % 26);
    }

    private static MsrpRequest send(MsrpUri to, MsrpUri from, String messageId, byte[] body) {
        return new MsrpRequest(new MsrpIdents().next(), "SEND", List.of(to), List.of(from),
                List.of(new MsrpHeader("Message-ID", messageId),
                        new MsrpHeader("Byte-Range", "1-" + body.length + "/" + body.length)),
                body.length == 0 ? Optional.empty() : Optional.of("text/plain"), body, Continuation.END);
    }

    private Channel connect(ReservedTermination stream, ExternalPsk psk, Participant p, boolean slow) {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class);
        if (slow) { // one read() = one socket read of at most 32 KiB, paced below
            b.option(ChannelOption.SO_RCVBUF, 64 * 1024)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(32 * 1024).maxMessagesPerRead(1));
        }
        return b.handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        p.socketBytes.addAndGet(((ByteBuf) msg).readableBytes());
                        ctx.fireChannelRead(msg);
                    }
                }, BcTlsHandler.client(MrfpTls.client(psk)), new MsrpDecoder(MsrpLimits.DEFAULT), new MsrpEncoder(), p);
            }
        }).connect(new InetSocketAddress("127.0.0.1", stream.port())).syncUninterruptibly().channel();
    }

    private static ExternalPsk psk(String identity) {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        return new ExternalPsk(identity, SecretBytes.copyOf(k));
    }

    private boolean run(int seconds, long rate, int chunkBytes, String launcher, Path out) throws Exception {
        int[] ports = FreePorts.loopback(2);
        Path yaml = Files.writeString(out.resolve("mrfp.yaml"), """
                control: 127.0.0.1:%d
                admin: 127.0.0.1:%d
                media: {host: 127.0.0.1, minPort: 0, maxPort: 0, maxTerminations: 10}
                """.formatted(ports[0], ports[1]));
        try (LabProcess mrfp = LabProcess.of("mrfp", List.of(launcher, "ims", "mrfp", "--config", yaml.toString()), out,
                Duration.ofSeconds(10)).start()) {
            mrfp.awaitListening(List.of(new InetSocketAddress("127.0.0.1", ports[0])), Duration.ofSeconds(60));
            MrfpControlClient control = new MrfpControlClient(URI.create("http://127.0.0.1:" + ports[0]));
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
            Channel bobChannel = connect(bobStream, bobPsk, bob, true);
            bobChannel.writeAndFlush(send(MsrpUri.parse(bobStream.msrpPath()), bobPath, "bobBind", new byte[0]));
            bob.bound.get(15, TimeUnit.SECONDS);
            Channel aliceChannel = connect(aliceStream, alicePsk, alice, false);
            aliceChannel.writeAndFlush(send(relayForAlice, alicePath, "aliceBind", new byte[0]));
            alice.bound.get(15, TimeUnit.SECONDS);

            // Bob: auto-read off, one read per millisecond while under rate x elapsed time.
            bobChannel.config().setAutoRead(false);
            long start = System.nanoTime();
            long bobStart = bob.socketBytes.get();
            var pacing = bobChannel.eventLoop().scheduleAtFixedRate(() -> {
                if (bob.socketBytes.get() - bobStart < rate * (System.nanoTime() - start) / 1_000_000_000L) {
                    bobChannel.read();
                }
            }, 1, 1, TimeUnit.MILLISECONDS);
            // Alice: as fast as her connection is writable.
            AtomicLong sent = new AtomicLong();
            long deadline = start + seconds * 1_000_000_000L;
            Runnable[] pump = new Runnable[1];
            pump[0] = () -> {
                while (aliceChannel.isWritable() && System.nanoTime() < deadline) {
                    long i = sent.getAndIncrement();
                    byte[] body = new byte[chunkBytes];
                    java.util.Arrays.fill(body, fill(i));
                    aliceChannel.write(send(relayForAlice, alicePath, "msg-" + i, body));
                }
                aliceChannel.flush();
            };
            aliceChannel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    if (ctx.channel().isWritable()) {
                        pump[0].run();
                    }
                    ctx.fireChannelWritabilityChanged();
                }
            });
            long cpu0 = mrfp.cpuTime().toNanos();
            aliceChannel.eventLoop().execute(pump[0]);
            long peakRss = 0;
            while (System.nanoTime() < deadline) {
                peakRss = Math.max(peakRss, ProcStatus.rssKib(mrfp).orElse(0));
                Thread.sleep(100);
            }
            long sentAtEnd = sent.get();
            long bobBytesAtEnd = bob.socketBytes.get() - bobStart;
            long receivedAtEnd = bob.received.get();
            double elapsed = (System.nanoTime() - start) / 1e9;
            pacing.cancel(false);
            bobChannel.eventLoop().execute(() -> {
                bobChannel.config().setAutoRead(true);
                bobChannel.read();
            });
            for (int i = 0; i < 600 && bob.received.get() < sent.get(); i++) {
                peakRss = Math.max(peakRss, ProcStatus.rssKib(mrfp).orElse(0));
                Thread.sleep(100);
            }
            long cpu = mrfp.cpuTime().toNanos() - cpu0;
            long hwm = ProcStatus.peakRssKib(mrfp).orElse(0);
            aliceChannel.close().syncUninterruptibly();
            bobChannel.close().syncUninterruptibly();
            String load = Files.readAllLines(Path.of("/proc/loadavg")).getFirst();
            boolean inOrder = bob.received.get() == sent.get() && bob.outOfOrder.get() == 0
                    && bob.wrongBodies.get() == 0;
            System.out.printf("MRFP slow reader: %d s, %d-octet chunks, Bob reading at most %.1f MB/s%n", seconds,
                    chunkBytes, rate / 1e6);
            System.out.printf("  Alice sent %d chunks in %.1f s: %.2f MB/s (chunk bodies)%n", sentAtEnd, elapsed,
                    sentAtEnd * (double) chunkBytes / elapsed / 1e6);
            System.out.printf("  Bob read %.2f MB/s off his socket (TLS records), %d chunks by then%n",
                    bobBytesAtEnd / elapsed / 1e6, receivedAtEnd);
            System.out.printf("  after the drain: %d of %d chunks received, %d out of order or duplicated, %d wrong "
                    + "bodies: %s%n", bob.received.get(), sent.get(), bob.outOfOrder.get(), bob.wrongBodies.get(),
                    inOrder ? "every chunk once and in order" : "FAILED");
            System.out.printf("  MRFP peak RSS %d KiB sampled (VmHWM %d KiB; limit %d KiB): %s%n", peakRss, hwm,
                    RSS_LIMIT_KIB, hwm < RSS_LIMIT_KIB ? "under" : "OVER");
            System.out.printf("  MRFP CPU %.1f us per chunk relayed (%d ms over the run and the drain)%n",
                    cpu / 1e3 / Math.max(1, bob.received.get()), cpu / 1_000_000);
            System.out.println("  load average " + load);
            return inOrder && hwm < RSS_LIMIT_KIB;
        }
    }
}
