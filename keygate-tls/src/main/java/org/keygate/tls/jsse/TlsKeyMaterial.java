package org.keygate.tls.jsse;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A private key and its certificate chain (leaf first). Prints the leaf's subject, never the key. */
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
    }

    public static TlsKeyMaterial load(Path certChainPem, Path keyPem) throws IOException, CertificateException {
        return new TlsKeyMaterial(PemFiles.readPrivateKey(keyPem), PemFiles.readCertificates(certChainPem));
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    @Override
    public String toString() {
        return "TlsKeyMaterial[" + leaf().getSubjectX500Principal() + ", key " + key.getAlgorithm() + "]";
    }
}
