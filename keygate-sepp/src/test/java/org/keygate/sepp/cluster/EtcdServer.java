package org.keygate.sepp.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.keygate.sepp.TestSepps;

/**
 * A real etcd (Debian {@code etcd-server}) on loopback for tests: free ports, a data directory under the test's temp
 * directory, stopped (SIGKILL) by {@link #stop}. {@link #start} again reuses the ports and data, as an etcd that
 * comes back does. Missing binary: the test fails saying so (.ci/run installs it), never skips.
 */
final class EtcdServer implements AutoCloseable {
    private final Path dataDir;
    private final Path log;
    final int clientPort;
    private final int peerPort;
    private Process process;

    EtcdServer(Path dir) throws IOException {
        this.dataDir = dir.resolve("etcd-data");
        this.log = dir.resolve("etcd.log");
        int[] ports = TestSepps.freePorts(2);
        this.clientPort = ports[0];
        this.peerPort = ports[1];
    }

    static String binary() {
        for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            if (Files.isExecutable(Path.of(d, "etcd"))) {
                return d + "/etcd";
            }
        }
        throw new AssertionError("etcd is not installed: this test needs a real etcd (Debian package etcd-server; "
                + ".ci/run installs it)");
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    EtcdServer start() throws Exception {
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
                throw new AssertionError("etcd exited at start: " + Files.readString(log));
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
        throw new AssertionError("etcd did not become healthy within 10 s: " + Files.readString(log));
    }

    /** As a crash: SIGKILL, then waits for the process to be gone. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
