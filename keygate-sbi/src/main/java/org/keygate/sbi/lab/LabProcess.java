package org.keygate.sbi.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node of a lab, the load benchmark or a test as a process of its own (a keygate JVM, nghttpx...), its output in
 * {@code logDir/<name>.log}, which starts with the command line. Waiting for it is bounded and fails with the log's
 * tail when the process exits or time runs out. {@link #stop} (and {@link #close}) sends SIGTERM, then SIGKILL after
 * the stop wait; {@link #kill} is SIGKILL alone. {@link #start} again runs the same command anew (a restarted
 * instance), its output appended to the same log.
 */
public final class LabProcess implements AutoCloseable {
    private static final int TAIL_LINES = 30;
    private final String name;
    private final List<String> command;
    private final String header;
    private final Path log;
    private final Duration stopWait;
    private Process process;
    /** Where this run's output begins in the log. */
    private long runStart;

    private LabProcess(String name, List<String> command, String header, Path logDir, Duration stopWait) {
        this.name = name;
        this.command = List.copyOf(command);
        this.header = header;
        this.log = logDir.resolve(name + ".log");
        this.stopWait = stopWait;
    }

    /** Any program, not yet started. */
    public static LabProcess of(String name, List<String> command, Path logDir, Duration stopWait) {
        return new LabProcess(name, command, String.join(" ", command), logDir, stopWait);
    }

    /**
     * {@code mainClass} in a JVM of its own, with this JVM's java and class path, not yet started; the log's first
     * line is {@code [javaOptions] mainClass args} (the class path would fill a screen).
     */
    public static LabProcess java(String name, List<String> javaOptions, String mainClass, List<String> args,
            Path logDir, Duration stopWait) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        List<String> shown = new ArrayList<>(javaOptions);
        shown.add(mainClass);
        shown.addAll(args);
        return new LabProcess(name, command, String.join(" ", shown), logDir, stopWait);
    }

    /** Starts the command; the first start begins a new log, a later one appends to it. */
    public LabProcess start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running (pid " + process.pid() + ")");
        }
        Files.writeString(log, header + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                process == null ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        runStart = Files.size(log);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit status once it has exited (143 after SIGTERM, 137 after SIGKILL). */
    public int exitCode() {
        return process.exitValue();
    }

    /** User plus system CPU time the process used so far (through ProcessHandle, /proc/<pid>/stat on Linux). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Waits until each address accepts a TCP connection. */
    public void awaitListening(List<InetSocketAddress> addresses, Duration bound) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (InetSocketAddress a : addresses) {
            while (!accepts(a)) {
                waitOrFail(deadline, "does not listen on " + a + " after " + bound);
            }
        }
    }

    /** Waits until this run's output has {@code text} (a node that prints a line once it listens or is ready). */
    public void awaitLog(String text, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!thisRun().contains(text)) {
            waitOrFail(deadline, "did not print \"" + text + "\" within " + bound);
        }
    }

    private String thisRun() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(runStart, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private void waitOrFail(long deadline, String timedOut) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail());
        }
        if (System.nanoTime() > deadline) {
            throw new IOException(name + " " + timedOut + ":\n" + tail());
        }
        Thread.sleep(100);
    }

    private static boolean accepts(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(a, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The log's last lines. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** SIGTERM (the node drains and closes its listeners), SIGKILL after the stop wait; the exit code, or -1 if killed. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (process.waitFor(stopWait.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /** SIGTERM, without waiting: the caller times the stop with {@link #awaitExit}. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits for the process to exit, for at most {@code bound}; true when it has. Woken by the process's own reaper
     * (unlike {@code ProcessHandle.onExit()}, whose completion waits for a thread of the common fork-join pool).
     */
    public boolean awaitExit(Duration bound) throws InterruptedException {
        return process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** kill -9: no shutdown hook, no drain, no lease revoked. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(stopWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            stop();
        }
    }
}
