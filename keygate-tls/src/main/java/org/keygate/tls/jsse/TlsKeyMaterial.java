package org.keygate.tls.jsse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain (leaf first). Prints the leaf's subject, never the key.
 *
 * <p>The constructor checks that the key belongs to the leaf (a signature over a fixed probe, verified with the
 * certificate's public key), so a mismatched pair fails at load time rather than as an opaque handshake failure.
 */
public record TlsKeyMaterial(PrivateKey key, List<X509Certificate> chain) {
    public TlsKeyMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain: [] (expected: the certificate, then its issuers)");
        }
        if (!chain.getFirst().getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("the private key (" + key.getAlgorithm()
                    + ") does not belong to the certificate (" + chain.getFirst().getPublicKey().getAlgorithm() + ")");
        }
        checkPair(key, chain.getFirst());
    }

    public static TlsKeyMaterial load(Path certChainPem, Path keyPem) throws IOException, CertificateException {
        return new TlsKeyMaterial(PemFiles.readPrivateKey(keyPem), PemFiles.readCertificates(certChainPem));
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    /** Signs a probe with the key and verifies it with the leaf; the message names the leaf, never the key. */
    private static void checkPair(PrivateKey key, X509Certificate leaf) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            // Other key types (RSASSA-PSS, ...) are left to the handshake to reject.
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "keygate key/certificate pairing probe".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + leaf.getSubjectX500Principal());
        }
    }

    @Override
    public String toString() {
        return "TlsKeyMaterial[" + leaf().getSubjectX500Principal() + ", key " + key.getAlgorithm() + "]";
    }
}
