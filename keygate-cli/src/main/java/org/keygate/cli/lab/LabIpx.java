package org.keygate.cli.lab;

import java.io.IOException;
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
        org.keygate.tls.pki.LabPki.writePrivateKey(file, keys.getPrivate());
    }
}
