package org.keygate.cli.ims;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One IMS daemon ({@code keygate ims kms|mrfc|mrfp --config FILE}) as a JVM of its own, started with this JVM's
 * java and class path, its output in {@code logDir/name.log}. {@link #stop} sends SIGTERM (the daemon closes its
 * listeners and state), {@link #kill} SIGKILL.
 */
final class ImsNodeProcess implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    final String name;
    final Path log;
    private final Process process;

    private ImsNodeProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ImsNodeProcess start(String name, Path logDir, String... keygateArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.keygate.cli.KeygateCommand");
        command.addAll(List.of(keygateArgs));
        Path log = logDir.resolve(name + ".log");
        Files.writeString(log, String.join(" ", command.subList(3, command.size())) + System.lineSeparator());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ImsNodeProcess(name, log, p);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status once it has exited (143 after SIGTERM, 137 after SIGKILL). */
    int exitCode() {
        return process.exitValue();
    }

    /** Waits until the log has {@code line} (the daemon prints it once it listens); fails with the log's tail. */
    void awaitLog(String line, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!Files.readString(log).contains(line)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " did not print \"" + line + "\" within " + bound + ":\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** Waits until {@code address} accepts TCP. */
    void awaitListening(InetSocketAddress address, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!accepts(address)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " does not listen on " + address + " after " + bound + ":\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    private static boolean accepts(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM; the exit code, or -1 if it had to be killed. */
    int stop() throws InterruptedException {
        process.destroy();
        if (process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /** SIGKILL: nothing runs in the daemon any more. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
