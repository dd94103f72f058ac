package org.keygate.tls.bc;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BC's JCA crypto on the JDK's providers, except ChaCha20-Poly1305 (RFC 7905): BC builds it from a "ChaCha7539"
 * cipher and a "Poly1305" MAC, which only the BC provider has (the JDK offers the AEAD as one cipher, which BC's TLS
 * does not use). So those records alone run on a private BC provider instance (not registered in the JVM), and
 * every other operation, keys and handshake included, stays on the JDK's (DESIGN.md); except X25519, which runs on
 * BC's arithmetic ({@link Rfc7748X25519}: the JDK's cost 40 % of a CAPIF-2e handshake). AES-GCM records are set up
 * through {@link JdkAesGcm} rather than BC's adapter, on the same JDK cipher.
 */
final class JdkTlsCrypto extends JcaTlsCrypto {
    private final JcaTlsCrypto chaCha;

    JdkTlsCrypto() {
        super(new DefaultJcaJceHelper(), new DefaultJcaJceHelper(), new SecureRandom(), new SecureRandom());
        this.chaCha = new JcaTlsCryptoProvider().setProvider(new BouncyCastleProvider()).create(new SecureRandom());
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig ecConfig) {
        return ecConfig.getNamedGroup() == NamedGroup.x25519
                ? () -> new Rfc7748X25519(this, getSecureRandom())
                : super.createECDomain(ecConfig);
    }

    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
        return encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305
                ? chaCha.hasEncryptionAlgorithm(encryptionAlgorithm)
                : super.hasEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize, boolean isEncrypting)
            throws GeneralSecurityException {
        return cipherName.equals(JdkAesGcm.TRANSFORMATION) ? new JdkAesGcm(isEncrypting)
                : super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters parameters, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        // The key block is derived from the master secret this crypto made; the BC cipher only takes its keys.
        return encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305
                ? chaCha.createCipher(parameters, encryptionAlgorithm, macAlgorithm)
                : super.createCipher(parameters, encryptionAlgorithm, macAlgorithm);
    }
}
