package org.keygate.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

    private boolean run(int seconds, long rate, int chunkBytes, String launcher, Path out) throws Exception {
        try (MrfpChat.Mrfp mrfp = MrfpChat.startMrfp(launcher, out)) {
            MrfpChat.Chat chat = mrfp.chat(group, chunkBytes, true);
            Channel bobChannel = chat.bobChannel();
            MrfpChat.Participant bob = chat.bob();
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
            long deadline = start + seconds * 1_000_000_000L;
            long cpu0 = mrfp.process().cpuTime().toNanos();
            long jit0 = ProcStatus.compilerCpu(mrfp.process()).toNanos();
            AtomicLong sent = MrfpChat.pump(chat.aliceChannel(), chat.to(), chat.from(), chunkBytes, deadline);
            long peakRss = 0;
            while (System.nanoTime() < deadline) {
                peakRss = Math.max(peakRss, ProcStatus.rssKib(mrfp.process()).orElse(0));
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
                peakRss = Math.max(peakRss, ProcStatus.rssKib(mrfp.process()).orElse(0));
                Thread.sleep(100);
            }
            long cpu = mrfp.process().cpuTime().toNanos() - cpu0;
            long jit = ProcStatus.compilerCpu(mrfp.process()).toNanos() - jit0;
            long hwm = ProcStatus.peakRssKib(mrfp.process()).orElse(0);
            chat.close();
            String load = Files.readAllLines(Path.of("/proc/loadavg")).getFirst();
            boolean inOrder = bob.gotInOrder(sent.get());
            System.out.printf("MRFP slow reader: %d s, %d-octet chunks, Bob reading at most %.1f MB/s%n", seconds,
                    chunkBytes, rate / 1e6);
            System.out.printf("  Alice sent %d chunks in %.1f s: %.2f MB/s (chunk bodies)%n", sentAtEnd, elapsed,
                    sentAtEnd * (double) chunkBytes / elapsed / 1e6);
            System.out.printf("  Bob read %.2f MB/s off his socket (TLS records), %d chunks by then%n",
                    bobBytesAtEnd / elapsed / 1e6, receivedAtEnd);
            System.out.println("  after the drain: " + bob.verdict(sent.get()));
            System.out.printf("  MRFP peak RSS %d KiB sampled (VmHWM %d KiB; limit %d KiB): %s%n", peakRss, hwm,
                    RSS_LIMIT_KIB, hwm < RSS_LIMIT_KIB ? "under" : "OVER");
            long chunks = Math.max(1, bob.received.get());
            System.out.printf("  MRFP CPU %.1f us per chunk relayed (%d ms over the run and the drain), of which its JIT "
                    + "compiler threads %.1f us (%d ms): %.1f us per chunk without them%n", cpu / 1e3 / chunks,
                    cpu / 1_000_000, jit / 1e3 / chunks, jit / 1_000_000, (cpu - jit) / 1e3 / chunks);
            System.out.println("  load average " + load);
            return inOrder && hwm < RSS_LIMIT_KIB;
        }
    }
}
