package org.keygate.sepp.cluster.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.keygate.sbi.lab.FreePorts;

/**
 * A real etcd (Debian {@code etcd-server}) on loopback for labs and tests (docs/CLUSTER.md): free ports, a data
 * directory under the given one, stopped (SIGKILL) by {@link #stop}. {@link #start} again reuses the ports and data,
 * as an etcd that comes back does. A missing binary is an error that says what to install (.ci/run installs it).
 */
public final class EtcdProcess implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    private final int clientPort;
    private final int peerPort;
    private Process process;

    public EtcdProcess(Path dir) throws IOException {
        this.dataDir = dir.resolve("etcd-data");
        this.log = dir.resolve("etcd.log");
        int[] ports = FreePorts.loopback(2);
        this.clientPort = ports[0];
        this.peerPort = ports[1];
    }

    static String binary() {
        for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(d, "etcd"))) {
                return d + "/etcd";
            }
        }
        throw new IllegalStateException("etcd is not installed (looked in /usr/bin, /usr/local/bin, /usr/sbin): "
                + "apt-get install etcd-server (.ci/run installs it)");
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    /** Starts etcd and waits (at most 10 s) until its /health says true. */
    public EtcdProcess start() throws IOException, InterruptedException {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(binary(), "--name", "test", "--data-dir", dataDir.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer, "--log-level", "warn")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited at start: " + Files.readString(log));
            }
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(client + "/health")).timeout(Duration.ofSeconds(1))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("true")) {
                    return this;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(100);
        }
        throw new IOException("etcd did not become healthy within 10 s: " + Files.readString(log));
    }

    /** As a crash: SIGKILL, then waits for the process to be gone. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
