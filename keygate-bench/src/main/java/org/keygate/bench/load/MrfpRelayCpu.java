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
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.ims.mrfp.MrfpTls;
import org.keygate.ims.msrp.MsrpDecoder;
import org.keygate.ims.msrp.MsrpEncoder;
import org.keygate.ims.msrp.MsrpLimits;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sbi.lab.LabProcess;
import org.keygate.tls.bc.BcTlsHandler;
import org.keygate.tls.bc.ExternalPsk;

/**
 * Issue 20's last MRFP line as a bench driver: the relay's CPU per message against a stunnel4 PSK pair, at full speed
 * (no slow reader). For each chunk size, first {@code keygate ims mrfp} started by the launcher with one MSRP chat
 * between two TLS-PSK participants on loopback ({@link MrfpChat}), then the same participants and the same stream of
 * MSRP SENDs through two stunnel4 processes: Alice, TLS-PSK ({@code PSK-AES128-GCM-SHA256}, TLS 1.2, the MRFP's suite),
 * a server-side stunnel, plain TCP, a client-side stunnel, TLS-PSK, Bob. So both relays decrypt the records Alice's TLS
 * writes (one per SEND) and encrypt toward Bob; the "relaying MSRP between two TLS-PSK participants". Alice
 * sends whenever her connection is writable, Bob reads as fast as he can. After the warm-up, over the measured
 * seconds: messages/s received by Bob, and the relay's CPU per message (utime+stime from /proc/PID/stat of the MRFP,
 * of both stunnels together), then the ratio. A third row, for reference and not the verdict's, is the octet relay
 * the first version of this driver measured: plain participants and TLS only between the two stunnels, whose
 * client side packs up to 16 KiB of SENDs into one record. Each row checks that every chunk arrived once and in
 * order; the driver exits 1 if one did not.
 *
 * <p>The work per message is not the same on both sides: the MRFP decrypts Alice's records, parses the SEND, answers
 * it (RFC 4975 7.2), rewrites its To-Path and From-Path (RFC 4975 7.1.1), encodes it and encrypts it for Bob; the
 * stunnel pair decrypts and encrypts, never parsing MSRP. The issue asks the MRFP to cost at most what the pair costs
 * all the same.
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
                Row stunnel = bench.throughStunnel(chunk, out, true);
                Row octets = bench.throughStunnel(chunk, out, false);
                for (Row r : List.of(mrfp, stunnel, octets)) {
                    table.add(r.line());
                    ok &= r.inOrder();
                }
                // the verdict's line (DaemonScenarios reads "N-octet chunks: ... CPU per message R x")
                ratios.add("%d-octet chunks: MRFP / stunnel4 pair CPU per message %.2fx, messages/s %.2fx".formatted(
                        chunk, mrfp.cpuMicrosPerMessage() / stunnel.cpuMicrosPerMessage(),
                        mrfp.messagesPerSecond() / stunnel.messagesPerSecond()));
                ratios.add(("%d-octet chunks, for reference against the octet relay (plain participants): CPU per"
                        + " message %.2fx, messages/s %.2fx").formatted(chunk,
                        mrfp.cpuMicrosPerMessage() / octets.cpuMicrosPerMessage(),
                        mrfp.messagesPerSecond() / octets.messagesPerSecond()));
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

    /**
     * The stunnel4 pair. With {@code tlsParticipants} (the arrangement, the verdict's row): Alice and Bob are the
     * same TLS-PSK participants as through the MRFP, so the pair receives the records the MRFP receives (one per SEND,
     * as Alice's TLS writes them) and sends TLS to Bob: Alice, TLS-PSK, a server-side stunnel, plain TCP, a client-side
     * stunnel, TLS-PSK, Bob (a TLS-PSK server here, as stunnel's client side connects out). Without it (the octet
     * relay, for reference): Alice and Bob speak plain TCP and the TLS is only between the two stunnels, so the
     * client-side stunnel packs up to 16 KiB of Alice's SENDs into each record.
     */
    private Row throughStunnel(int chunkBytes, Path out, boolean tlsParticipants) throws Exception {
        StunnelPsk alicePsk = StunnelPsk.random("alice-tek-id");
        StunnelPsk bobPsk = StunnelPsk.random("bob-tek-id");
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
                        ch.pipeline().addLast(bob.socketCounter());
                        if (tlsParticipants) {
                            ch.pipeline().addLast(BcTlsHandler.server(MrfpTls.server(bobPsk.external())));
                        }
                        ch.pipeline().addLast(new MsrpDecoder(MsrpLimits.DEFAULT), new MsrpEncoder(), bob);
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
        int bobPort = ((InetSocketAddress) server.localAddress()).getPort();
        int[] ports = FreePorts.loopback(2); // [0] where Alice connects, [1] the hop between the two stunnels
        String suffix = tlsParticipants ? "" : "-octets";
        // the side facing Alice: TLS-PSK from her (server) or plain from her (client, TLS to the other stunnel)
        Path aliceSide = stunnelConf(out, "stunnel-alice" + suffix, alicePsk, !tlsParticipants, ports[0], ports[1]);
        // the side facing Bob: TLS-PSK to him (client) or plain to him (server, TLS from the other stunnel)
        Path bobSide = stunnelConf(out, "stunnel-bob" + suffix, tlsParticipants ? bobPsk : alicePsk, tlsParticipants,
                ports[1], bobPort);
        try (LabProcess toBob = stunnel("stunnel-bob" + suffix, bobSide, out);
                LabProcess fromAlice = stunnel("stunnel-alice" + suffix, aliceSide, out)) {
            MrfpChat.Participant alice = new MrfpChat.Participant(chunkBytes);
            Channel aliceChannel = MrfpChat.connect(group, ports[0], tlsParticipants ? alicePsk.external() : null, alice, false);
            try {
                return measure(chunkBytes, tlsParticipants ? "stunnel4 pair (TLS-PSK participants)"
                        : "stunnel4 octet relay (plain participants)", aliceChannel,
                        MsrpUri.secure("127.0.0.1:" + bobPort, "bobUE1"), MsrpUri.secure("127.0.0.1:9", "aliceUE1"),
                        bob, List.of(fromAlice, toBob));
            } finally {
                aliceChannel.close().syncUninterruptibly();
                server.close().syncUninterruptibly();
            }
        }
    }

    /**
     * A PSK stunnel can share: stunnel's PSKsecrets read a key of hexadecimal digits as the octets they encode (at
     * least 16), so the key is 32 random hex digits and the participant's PSK is the 16 octets.
     */
    private record StunnelPsk(String identity, String key) {
        static StunnelPsk random(String identity) {
            byte[] k = new byte[16];
            new SecureRandom().nextBytes(k);
            return new StunnelPsk(identity, HexFormat.of().formatHex(k));
        }

        ExternalPsk external() {
            return new ExternalPsk(identity, SecretBytes.copyOf(HexFormat.of().parseHex(key)));
        }

        @Override
        public String toString() {
            return "StunnelPsk[" + identity + "]";
        }
    }

    /** One stunnel's config: TLS 1.2, the MRFP's suite; {@code client}: TLS toward {@code connect}, else from it. */
    private static Path stunnelConf(Path out, String name, StunnelPsk psk, boolean client, int accept, int connect)
            throws IOException {
        Path secrets = out.resolve(name + ".psk");
        Files.deleteIfExists(secrets);
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, psk.identity() + ":"
                + psk.key() + "\n");
        return Files.writeString(out.resolve(name + ".conf"), """
                foreground = yes
                pid =
                debug = notice
                [msrp]
                ciphers = PSK-AES128-GCM-SHA256
                sslVersionMin = TLSv1.2
                sslVersionMax = TLSv1.2
                PSKsecrets = %s
                %saccept = 127.0.0.1:%d
                connect = 127.0.0.1:%d
                """.formatted(secrets.toAbsolutePath(), client ? "client = yes\nPSKidentity = " + psk.identity() + "\n" : "",
                accept, connect));
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
