package org.keygate.tls.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the libssl test client {@code exporter_client.c} with gcc (Debian: gcc, libssl-dev). */
final class ExporterClientBuild {
    private ExporterClientBuild() {}

    static Path compile(Path dir) throws Exception {
        Path source = dir.resolve("exporter_client.c");
        try (InputStream in = ExporterClientBuild.class.getResourceAsStream("/openssl/exporter_client.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("exporter_client");
        String out = TlsExporterOpenSslTest.run("gcc", "-O1", "-o", binary.toString(), source.toString(), "-lssl",
                "-lcrypto");
        assertThat(binary).as("gcc with libssl-dev must build the OpenSSL test client:%n%s", out).exists();
        return binary;
    }
}
