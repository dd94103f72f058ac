package org.keygate.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;

/**
 * Issue 20's last MRFP line as a bench driver: the relay's CPU per message against a stunnel4 PSK pair, at full speed
 * (no slow reader). For each chunk size, first {@code keygate ims mrfp} started by the launcher with one MSRP chat
 * between two TLS-PSK participants on loopback ({@link MrfpChat}), then the same byte stream of MSRP SENDs through two
 * stunnel4 processes: Alice's plain TCP into a client-side stunnel, TLS-PSK ({@code PSK-AES128-GCM-SHA256}, TLS 1.2,
 * the MRFP's suite) to a server-side stunnel, plain TCP to Bob. Alice sends whenever her connection is writable, Bob
 * reads as fast as he can. After the warm-up, over the measured seconds: messages/s received by Bob, and the relay's
 * CPU per message (utime+stime from /proc/PID/stat of the MRFP, of both stunnels together), then the ratio. Each row
 * checks that every chunk arrived once and in order; the driver exits 1 if one did not.
 *
 * <p>The work per message is not the same on both sides: the MRFP decrypts Alice's records, parses the SEND, rewrites
 * its To-Path and From-Path (RFC 4975 7.1.1), encodes it and encrypts it for Bob; the stunnel pair encrypts once and
 * decrypts once, never parsing MSRP. The issue asks the MRFP to cost at most what the pair costs all the same.
 *
 * <p>Arguments: {@code [warm-up seconds=15] [measured seconds=15] [launcher=./keygate] [out dir]}.
 */
public final class MrfpRelayCpu {
    private static final int[] CHUNK_BYTES = {1024, 32 * 1024};
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final int warmup;
    private final int seconds;

    private MrfpRelayCpu(int warmup, int seconds) {
        this.warmup = warmup;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String launcher = args.length > 2 ? args[2] : "./keygate";
        Path out = Files.createDirectories(Path.of(args.length > 3 ? args[3] : "keygate-bench/target/mrfp-relay-cpu"));
        MrfpRelayCpu bench = new MrfpRelayCpu(warmup, seconds);
        boolean ok = true;
        List<String> table = new ArrayList<>();
        table.add("| chunk | relay | messages/s | relay CPU per message | of which JIT compilers | load average (1 min) | delivery |");
        table.add("|---|---|---|---|---|---|---|");
        List<String> ratios = new ArrayList<>();
        try {
            for (int chunk : CHUNK_BYTES) {
                Row mrfp = bench.throughMrfp(chunk, launcher, out);
                Row stunnel = bench.throughStunnel(chunk, out);
                for (Row r : List.of(mrfp, stunnel)) {
                    table.add(r.line());
                    ok &= r.inOrder();
                }
                ratios.add("%d-octet chunks: MRFP / stunnel4 pair CPU per message %.2fx, messages/s %.2fx".formatted(
                        chunk, mrfp.cpuMicrosPerMessage() / stunnel.cpuMicrosPerMessage(),
                        mrfp.messagesPerSecond() / stunnel.messagesPerSecond()));
            }
        } finally {
            bench.group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        System.out.printf("MRFP relay against a stunnel4 PSK pair: %d s warm-up, %d s measured per row%n", warmup,
                seconds);
        table.forEach(System.out::println);
        ratios.forEach(System.out::println);
        System.exit(ok ? 0 : 1);
    }

    /** One measured row. */
    record Row(int chunkBytes, String relay, double messagesPerSecond, double cpuMicrosPerMessage,
            double jitMicrosPerMessage, String load, String verdict, boolean inOrder) {
        String line() {
            return "| %d | %s | %,.0f | %,.1f µs | %,.1f µs | %s | %s |".formatted(chunkBytes, relay, messagesPerSecond,
                    cpuMicrosPerMessage, jitMicrosPerMessage, load, verdict);
        }
    }

    private Row throughMrfp(int chunkBytes, String launcher, Path out) throws Exception {
        try (MrfpChat.Mrfp mrfp = MrfpChat.startMrfp(launcher, out)) {
            MrfpChat.Chat chat = mrfp.chat(group, chunkBytes, false);
            try {
                return measure(chunkBytes, "keygate MRFP", chat.aliceChannel(), chat.to(), chat.from(), chat.bob(),
                        List.of(mrfp.process()));
            } finally {
                chat.close();
            }
        }
    }

    private Row throughStunnel(int chunkBytes, Path out) throws Exception {
        MrfpChat.Participant bob = new MrfpChat.Participant(chunkBytes);
        AtomicBoolean taken = new AtomicBoolean();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!taken.compareAndSet(false, true)) { // one stream; anything else is not the bench's
                            ch.close();
                            return;
                        }
                        ch.pipeline().addLast(bob.socketCounter(), new MsrpDecoder(MsrpLimits.DEFAULT),
                                new MsrpEncoder(), bob);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        int bobPort = ((InetSocketAddress) server.localAddress()).getPort();
        int[] ports = FreePorts.loopback(2); // [0] the client-side stunnel's plain port, [1] the TLS-PSK hop
        // stunnel's PSKsecrets: IDENTITY:KEY, the key's text octets (at least 16) are the PSK; owner-only.
        byte[] k = new byte[24];
        new SecureRandom().nextBytes(k);
        Path secrets = out.resolve("stunnel.psk");
        Files.deleteIfExists(secrets);
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, "mrfp-bench:" + HexFormat.of().formatHex(k) + "\n");
        String common = """
                foreground = yes
                pid =
                debug = notice
                [msrp]
                ciphers = PSK-AES128-GCM-SHA256
                sslVersionMin = TLSv1.2
                sslVersionMax = TLSv1.2
                PSKsecrets = %s
                """.formatted(secrets.toAbsolutePath());
        Path serverConf = Files.writeString(out.resolve("stunnel-server.conf"), common + """
                accept = 127.0.0.1:%d
                connect = 127.0.0.1:%d
                """.formatted(ports[1], bobPort));
        Path clientConf = Files.writeString(out.resolve("stunnel-client.conf"), common + """
                client = yes
                PSKidentity = mrfp-bench
                accept = 127.0.0.1:%d
                connect = 127.0.0.1:%d
                """.formatted(ports[0], ports[1]));
        try (LabProcess tlsServer = stunnel("stunnel-server", serverConf, out);
                LabProcess tlsClient = stunnel("stunnel-client", clientConf, out)) {
            MrfpChat.Participant alice = new MrfpChat.Participant(chunkBytes);
            Channel aliceChannel = MrfpChat.connect(group, ports[0], null, alice, false);
            try {
                return measure(chunkBytes, "stunnel4 pair (PSK)", aliceChannel,
                        MsrpUri.secure("127.0.0.1:" + bobPort, "bobUE1"), MsrpUri.secure("127.0.0.1:9", "aliceUE1"),
                        bob, List.of(tlsServer, tlsClient));
            } finally {
                aliceChannel.close().syncUninterruptibly();
                server.close().syncUninterruptibly();
            }
        }
    }

    private static LabProcess stunnel(String name, Path conf, Path out) throws IOException, InterruptedException {
        LabProcess p = LabProcess.of(name, List.of("stunnel4", conf.toAbsolutePath().toString()), out,
                Duration.ofSeconds(5)).start();
        try {
            p.awaitLog("Configuration successful", Duration.ofSeconds(15));
        } catch (IOException | InterruptedException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * Alice sends for the warm-up plus the measured seconds; the relays' CPU and Bob's count are taken at both ends
     * of the measured seconds; then Bob gets what is still in flight (at most a minute) and the order is checked.
     */
    private Row measure(int chunkBytes, String relay, Channel alice, MsrpUri to, MsrpUri from,
            MrfpChat.Participant bob, List<LabProcess> relays) throws Exception {
        long start = System.nanoTime();
        AtomicLong sent = MrfpChat.pump(alice, to, from, chunkBytes, start + (warmup + seconds) * 1_000_000_000L);
        Thread.sleep(warmup * 1000L);
        long cpu0 = cpuNanos(relays);
        long jit0 = jitNanos(relays);
        long received0 = bob.received.get();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long cpu1 = cpuNanos(relays);
        long jit1 = jitNanos(relays);
        long received1 = bob.received.get();
        long t1 = System.nanoTime();
        String load = Files.readAllLines(Path.of("/proc/loadavg")).getFirst().split(" ")[0];
        Thread.sleep(200); // Alice's deadline has passed; her last writes are on their way
        for (int i = 0; i < 600 && bob.received.get() < sent.get(); i++) {
            Thread.sleep(100);
        }
        long messages = received1 - received0;
        return new Row(chunkBytes, relay, messages / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / Math.max(1, messages),
                (jit1 - jit0) / 1e3 / Math.max(1, messages), load, bob.verdict(sent.get()), bob.gotInOrder(sent.get()));
    }

    /**
     * The CPU of the relays' JIT compiler threads (0 for stunnel): on this shared machine a 15 s warm-up does not always
     * finish the MRFP's compilation, and this says how much of a row's CPU is still the JIT's.
     */
    private static long jitNanos(List<LabProcess> relays) {
        long n = 0;
        for (LabProcess p : relays) {
            n += ProcStatus.compilerCpu(p).toNanos();
        }
        return n;
    }

    private static long cpuNanos(List<LabProcess> relays) throws IOException {
        long n = 0;
        for (LabProcess p : relays) {
            n += ProcStatus.cpu(p).toNanos();
        }
        return n;
    }
}
