package org.keygate.cli.capif;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.keygate.capif.ca.Pem;
import org.keygate.tls.jsse.TlsKeyMaterial;

/** A CAPIF party's saved credentials: {@code <name>.crt} (leaf then CA) and {@code <name>.key} (PKCS#8, mode 600). */
final class CredentialFiles {
    private CredentialFiles() {}

    static void save(Path dir, String name, TlsKeyMaterial credentials) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.resolve(name + ".key");
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
        Files.writeString(dir.resolve(name + ".crt"), chain, StandardCharsets.US_ASCII);
    }

    static TlsKeyMaterial load(Path dir, String name) throws IOException, CertificateException {
        return TlsKeyMaterial.load(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    }
}
