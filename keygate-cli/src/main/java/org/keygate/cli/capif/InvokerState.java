package org.keygate.cli.capif;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.keygate.capif.ca.Pem;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * An onboarded invoker saved between runs of {@code keygate capif invoker}: {@code invoker.id},
 * {@code invoker.crt} (leaf then CA) and {@code invoker.key} (PKCS#8, mode 600).
 */
record InvokerState(String id, TlsKeyMaterial credentials) {
    static Optional<InvokerState> load(Path dir) throws IOException, CertificateException {
        Path idFile = dir.resolve("invoker.id");
        if (!Files.exists(idFile)) {
            return Optional.empty();
        }
        return Optional.of(new InvokerState(Files.readString(idFile, StandardCharsets.US_ASCII).strip(),
                TlsKeyMaterial.load(dir.resolve("invoker.crt"), dir.resolve("invoker.key"))));
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve("invoker.key");
        Files.deleteIfExists(key);
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key);
        }
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(new JcaPKCS8Generator(credentials.key(), null));
        }
        Files.writeString(key, w.toString(), StandardCharsets.US_ASCII);
        StringBuilder chain = new StringBuilder();
        credentials.chain().forEach(c -> chain.append(Pem.of(c)));
        Files.writeString(dir.resolve("invoker.crt"), chain, StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("invoker.id"), id + "\n", StandardCharsets.US_ASCII);
    }

}
