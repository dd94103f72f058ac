package org.keygate.ims.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An installed TLS peer (openssl s_client, gnutls-cli) run as a UE: its stdout is pumped by a thread into a queue and
 * decoded with the given decoder; stdin stays open for writing. Every wait is bounded; {@link #close()} kills it.
 */
public final class PeerProcess implements AutoCloseable {
    private static final byte[] EOF = new byte[0];
    private final Process process;
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private final EmbeddedChannel decoder;
    private boolean ended;

    private PeerProcess(Process process, ChannelHandler decoder) {
        this.process = process;
        this.decoder = new EmbeddedChannel(decoder);
        Thread pump = new Thread(() -> pump(process.getInputStream()), "peer-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    public static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError(tool + " is not installed; this interop test needs it (apt-get install " + debianPackage + ")");
    }

    /** Starts {@code command} with stderr merged into stdout only when {@code mergeStderr}. */
    public static PeerProcess start(List<String> command, ChannelHandler decoder, boolean mergeStderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (mergeStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        return new PeerProcess(pb.start(), decoder);
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                chunks.add(java.util.Arrays.copyOf(buf, n));
            }
        } catch (IOException ignored) {
            // the process went away: EOF below
        }
        chunks.add(EOF);
    }

    public void write(byte[] bytes) throws IOException {
        process.getOutputStream().write(bytes);
        process.getOutputStream().flush();
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next decoded object, or null when the process ended or nothing came within the timeout. */
    public Object next(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            Object o = decoder.readInbound();
            if (o != null) {
                return o;
            }
            long left = deadline - System.currentTimeMillis();
            if (ended || left <= 0) {
                return null;
            }
            byte[] chunk = chunks.poll(left, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                return null;
            }
            if (chunk == EOF) {
                ended = true;
                continue;
            }
            all.writeBytes(chunk);
            decoder.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
    }

    /** Everything read so far plus what comes until the process exits (bounded), as text. */
    public String outputUntilExit(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!ended && System.currentTimeMillis() < deadline) {
            byte[] chunk = chunks.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (chunk == null) {
                break;
            }
            if (chunk == EOF) {
                ended = true;
            } else {
                all.writeBytes(chunk);
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    public boolean exited(long timeoutMillis) throws InterruptedException {
        return process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public void closeStdin() throws IOException {
        process.getOutputStream().close();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        decoder.finishAndReleaseAll();
    }
}
