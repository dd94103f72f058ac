package org.keygate.cli.lab;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A lab roaming hub's signing key: P-256 (RIs sign with ES256 only, TS 33.501 13.2.4.9), announced as base64 DER
 * SubjectPublicKeyInfo in {@code ipxProviders} (DESIGN.md). The private half is not kept: the lab has no RI yet.
 */
final class LabIpx {
    private LabIpx() {}

    static String publicKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is mandatory in every JDK", e);
        }
    }
}
