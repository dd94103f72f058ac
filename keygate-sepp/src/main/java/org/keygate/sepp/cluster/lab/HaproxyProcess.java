package org.keygate.sepp.cluster.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (Debian {@code haproxy}) in TCP mode in front of the instances, one frontend per plane, round robin over
 * connections, a TCP health check every 300 ms (one failure takes a server out), and a connection that fails to a
 * server sent to another ({@code option redispatch}). TLS passes through untouched: partners see the SEPP's own
 * certificate. For labs and tests (docs/CLUSTER.md); a missing binary is an error that says what to install
 * (.ci/run installs it).
 */
public final class HaproxyProcess implements AutoCloseable {
    private final Path dir;
    private Process process;

    public HaproxyProcess(Path dir) {
        this.dir = dir;
    }

    static String binary() {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin")) {
            if (Files.isExecutable(Path.of(d, "haproxy"))) {
                return d + "/haproxy";
            }
        }
        throw new IllegalStateException("haproxy is not installed (looked in /usr/sbin, /usr/bin, /usr/local/sbin): "
                + "apt-get install haproxy (.ci/run installs it)");
    }

    /**
     * Writes {@code haproxy.cfg} and starts HAProxy in the foreground; returns once every frontend accepts (10 s each
     * at most).
     *
     * @param frontends the loopback port of each plane's frontend, by plane name
     * @param backends each plane's backend ports, by plane name
     */
    public HaproxyProcess start(Map<String, Integer> frontends, Map<String, List<Integer>> backends)
            throws IOException, InterruptedException {
        return start(frontends, backends, java.util.Set.of());
    }

    /**
     * As {@link #start(Map, Map)}; the frontends named in {@code ownAddresses} are an instance's own address
     * (docs/CLUSTER.md, {@code cluster.n32f}): their first backend port takes every connection and the others are
     * {@code backup} servers, used only while it is down, so a partner still reaches the cluster after a failover.
     */
    public HaproxyProcess start(Map<String, Integer> frontends, Map<String, List<Integer>> backends,
            java.util.Set<String> ownAddresses) throws IOException, InterruptedException {
        StringBuilder cfg = new StringBuilder("""
                global
                  maxconn 2000
                defaults
                  mode tcp
                  timeout connect 1s
                  timeout client 60s
                  timeout server 60s
                  retries 3
                  option redispatch
                """);
        for (var f : frontends.entrySet()) {
            cfg.append("frontend ").append(f.getKey()).append("\n  bind 127.0.0.1:").append(f.getValue())
                    .append("\n  default_backend ").append(f.getKey()).append("\nbackend ").append(f.getKey())
                    .append("\n  balance roundrobin\n  default-server inter 300ms fall 1 rise 1\n");
            List<Integer> ports = backends.get(f.getKey());
            for (int i = 0; i < ports.size(); i++) {
                cfg.append("  server s").append(i).append(" 127.0.0.1:").append(ports.get(i)).append(" check")
                        .append(i > 0 && ownAddresses.contains(f.getKey()) ? " backup\n" : "\n");
            }
        }
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, cfg);
        process = new ProcessBuilder(binary(), "-f", file.toString(), "-db").redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        for (int port : frontends.values()) {
            awaitListening(port);
        }
        return this;
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IOException("haproxy exited: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("haproxy not listening on " + port + " within 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
