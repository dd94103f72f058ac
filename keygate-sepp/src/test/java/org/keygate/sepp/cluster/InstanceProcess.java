package org.keygate.sepp.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link ClusterInstanceMain} in a JVM of its own (this test JVM's class path), killed with SIGKILL. */
final class InstanceProcess implements AutoCloseable {
    final String name;
    private final Path config;
    private final Path log;
    private Process process;

    InstanceProcess(String name, Path config, Path log) {
        this.name = name;
        this.config = config;
        this.log = log;
    }

    InstanceProcess start() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.deleteIfExists(log);
        process = new ProcessBuilder(List.of(java, "-Xms64m", "-Xmx160m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), ClusterInstanceMain.class.getName(), config.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    /** Waits (bounded) for READY in the instance's output. */
    void awaitReady() throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(log) && Files.readString(log).contains("READY " + name)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("instance " + name + " exited at start:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("instance " + name + " not ready within 60 s:\n" + Files.readString(log));
    }

    /** kill -9: no shutdown hook, no drain, no lease revoked. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
