package org.keygate.tls.bc;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.util.Arrays;

/**
 * One X25519 key agreement (RFC 7748 6.1; TLS 1.3 key_share and TLS 1.2 ECDHE_PSK, RFC 8422 5.11) on Bouncy Castle's
 * {@code rfc7748} arithmetic, its shared secret handed to the {@link JdkTlsCrypto} that runs the rest of the handshake.
 * Why not the JDK's XDH: measured, its key generation plus agreement costs 210 µs of CPU here against 83 µs for BC's
 * (docs/PERFORMANCE.md, "CAPIF-2e handshakes: the profile"), and it was 40 % of the AEF's CPU per handshake. Why not
 * BC's own {@code BcX25519}: it belongs to {@code BcTlsCrypto} and makes that crypto's secrets, which the JCA crypto's
 * key schedule cannot use. The alerts are BC's: illegal_parameter for a peer value that is not 32 octets,
 * handshake_failure for an all-zero shared secret (RFC 7748 6.1, RFC 8446 7.4.2).
 */
final class Rfc7748X25519 implements TlsAgreement {
    private final TlsCrypto crypto;
    private final SecureRandom random;
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] peerPublicKey = new byte[X25519.POINT_SIZE];

    Rfc7748X25519(TlsCrypto crypto, SecureRandom random) {
        this.crypto = crypto;
        this.random = random;
    }

    @Override
    public byte[] generateEphemeral() {
        X25519.generatePrivateKey(random, privateKey);
        byte[] publicKey = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
        if (peerValue == null || peerValue.length != X25519.POINT_SIZE) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter);
        }
        System.arraycopy(peerValue, 0, peerPublicKey, 0, X25519.POINT_SIZE);
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
        byte[] shared = new byte[X25519.POINT_SIZE];
        try {
            if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure);
            }
            return crypto.createSecret(shared);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
            Arrays.fill(shared, (byte) 0);
        }
    }
}
