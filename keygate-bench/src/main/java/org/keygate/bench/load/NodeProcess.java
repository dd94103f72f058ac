package org.keygate.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One keygate node ({@code keygate labnf}, {@code keygate sepp}) as a JVM of its own, its output in a log file, so
 * that its resident memory is its own and can be read from {@code /proc/<pid>/status}. Closing it sends SIGTERM
 * (the node's shutdown hook closes its listeners), then SIGKILL if it has not exited in 10 s.
 */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern KIB = Pattern.compile("^(VmRSS|VmHWM):\\s+(\\d+) kB$", Pattern.MULTILINE);

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java [javaOptions] -jar keygateJar args}, output to {@code logDir/name.log}. */
    public static NodeProcess start(String name, Path keygateJar, List<String> javaOptions, List<String> args,
            Path logDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(keygateJar.toString());
        command.addAll(args);
        return startCommand(name, command, logDir);
    }

    /** Starts any program (the nghttpx reference chain), output to {@code logDir/name.log}. */
    public static NodeProcess startCommand(String name, List<String> command, Path logDir) throws IOException {
        Path log = logDir.resolve(name + ".log");
        Files.writeString(log, String.join(" ", command) + System.lineSeparator());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new NodeProcess(name, p, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until each address accepts a TCP connection; fails with the node's log if it exits or takes too long. */
    public void awaitListening(List<InetSocketAddress> addresses, Duration bound) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (InetSocketAddress a : addresses) {
            while (!accepts(a)) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with " + process.exitValue() + ": " + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " does not listen on " + a + " after " + bound + ": " + tail());
                }
                Thread.sleep(100);
            }
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

    /** User plus system CPU time the process used so far (/proc/<pid>/stat, through ProcessHandle). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** VmRSS, the resident set now, in KiB (Linux proc(5)); empty once the process is gone. */
    public OptionalLong rssKib() {
        return status("VmRSS");
    }

    /** VmHWM, the peak resident set since start, in KiB. */
    public OptionalLong peakRssKib() {
        return status("VmHWM");
    }

    private OptionalLong status(String field) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid()), "status"));
            Matcher m = KIB.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(field)) {
                    return OptionalLong.of(Long.parseLong(m.group(2)));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
