package org.keygate.tls.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds the libssl test client {@code exporter_client.c} with gcc (Debian: gcc, libssl-dev), and runs external
 * programs with a bound. Shared with other modules' tests through keygate-tls's test jar.
 */
public final class ExporterClientBuild {
    /** Exit status of the last {@link #run} on this thread; -1 if it had to be killed. */
    private static final ThreadLocal<Integer> LAST = ThreadLocal.withInitial(() -> -1);

    private ExporterClientBuild() {}

    public static Path compile(Path dir) throws Exception {
        Path source = dir.resolve("exporter_client.c");
        try (InputStream in = ExporterClientBuild.class.getResourceAsStream("/openssl/exporter_client.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("exporter_client");
        String out = run("gcc", "-O1", "-o", binary.toString(), source.toString(), "-lssl",
                "-lcrypto");
        assertThat(binary).as("gcc with libssl-dev must build the OpenSSL test client:%n%s", out).exists();
        return binary;
    }

    /**
     * Runs a program with stdin closed; returns stdout and stderr; kills it after 30 s. A missing program fails the
     * test (never skips it) with a message saying what to install.
     */
    public static String run(String... cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError(cmd[0] + " cannot be run (" + e.getMessage() + "): the interop tests need it;"
                    + " install it (Debian: apt-get install openssl gcc libssl-dev)", e);
        }
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = p.getInputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                in.transferTo(out);
            } catch (java.io.IOException ignored) {
                // process destroyed
            }
        });
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        t.join(5000);
        LAST.set(p.isAlive() ? -1 : p.exitValue());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** As {@link #run}, and asserts that the program exited with status 0 (its output in the failure). */
    public static String runOk(String... cmd) throws Exception {
        String out = run(cmd);
        int status = LAST.get();
        assertThat(status).as("%s exited with %s:%n%s", cmd[0], status, out).isZero();
        return out;
    }
}
