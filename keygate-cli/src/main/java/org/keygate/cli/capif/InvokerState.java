package org.keygate.cli.capif;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Optional;
import org.keygate.tls.jsse.TlsKeyMaterial;

/** An onboarded invoker saved between runs: {@code invoker.id} and its {@link CredentialFiles}. */
record InvokerState(String id, TlsKeyMaterial credentials) {
    static Optional<InvokerState> load(Path dir) throws IOException, CertificateException {
        Path idFile = dir.resolve("invoker.id");
        if (!Files.exists(idFile)) {
            return Optional.empty();
        }
        return Optional.of(new InvokerState(Files.readString(idFile, StandardCharsets.US_ASCII).strip(),
                CredentialFiles.load(dir, "invoker")));
    }

    void save(Path dir) throws IOException {
        CredentialFiles.save(dir, "invoker", credentials);
        Files.writeString(dir.resolve("invoker.id"), id + "\n", StandardCharsets.US_ASCII);
    }
}
