package org.keygate.cli.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A lab roaming hub's signing key: P-256 (RIs sign with ES256 only, TS 33.501 13.2.4.9), announced as base64 DER
 * SubjectPublicKeyInfo in {@code ipxProviders} (DESIGN.md). {@link #write} also leaves the private half as PEM for
 * the lab's IPX node; the other hub's key is announced only.
 */
final class LabIpx {
    private final KeyPair keys;

    private LabIpx(KeyPair keys) {
        this.keys = keys;
    }

    static LabIpx generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new LabIpx(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is mandatory in every JDK", e);
        }
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Writes the private key as PEM PKCS#8 to {@code file} (readable by its owner only, where the system allows). */
    void write(Path file) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
    }
}
