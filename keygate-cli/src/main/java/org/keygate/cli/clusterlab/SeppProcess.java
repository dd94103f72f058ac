package org.keygate.cli.clusterlab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One home-SEPP instance ({@code keygate sepp --config FILE}) as a JVM of its own, with this JVM's java and class
 * path and the launcher's node settings, its output in {@code dir/<name>.log}; {@link #kill} is SIGKILL.
 */
final class SeppProcess implements AutoCloseable {
    /** The launcher's settings for keygate sepp (docs/PERFORMANCE.md, JVM settings). */
    private static final List<String> NODE_JAVA_OPTS = List.of("-Xms128m", "-Xmx128m", "-XX:+UseSerialGC",
            "-XX:+UseCompactObjectHeaders");
    final String name;
    private final Path config;
    private final Path log;
    private Process process;

    SeppProcess(String name, Path config, Path dir) {
        this.name = name;
        this.config = config;
        this.log = dir.resolve(name + ".log");
    }

    SeppProcess start() throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(NODE_JAVA_OPTS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.keygate.cli.KeygateCommand",
                "sepp", "--config", config.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return this;
    }

    /** Waits until every address accepts TCP; fails with the log's tail if the process exits or time runs out. */
    void awaitListening(List<InetSocketAddress> addresses, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (InetSocketAddress a : addresses) {
            while (!accepts(a)) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " does not listen on " + a + " after " + bound + ":\n" + tail());
                }
                Thread.sleep(100);
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no drain, no lease revoked. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: the instance drains and leaves the cluster. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
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

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
