package org.keygate.tls.bc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsUtils;
import org.keygate.crypto.secret.SecretBytes;

/** Freezes an established connection's parameters into a {@link BcTlsSession}. */
final class SessionCapture {
    private SessionCapture() {}

    /**
     * Called from the peers' notifyHandshakeComplete, when the connection's parameters are in place.
     *
     * @param tls13PskIdentity the external PSK identity chosen in a TLS 1.3 handshake (BC records PSK identities in
     *     its parameters for TLS 1.2 only)
     */
    static BcTlsSession capture(TlsContext context, boolean captureMasterSecret, Optional<String> tls13PskIdentity)
            throws IOException {
        SecurityParameters sp = context.getSecurityParametersConnection();
        boolean tls13 = TlsUtils.isTLSv13(sp.getNegotiatedVersion());
        Optional<String> psk = sp.getPSKIdentity() != null
                ? Optional.of(new String(sp.getPSKIdentity(), StandardCharsets.UTF_8))
                : tls13 ? tls13PskIdentity : Optional.empty();
        ProtocolName alpn = sp.getApplicationProtocol();
        Optional<SecretBytes> master = Optional.empty();
        if (captureMasterSecret && !tls13) {
            // A copy (adoptSecret) is extracted, so BC's own master secret stays intact for the connection.
            byte[] octets = context.getCrypto().adoptSecret(sp.getMasterSecret()).extract();
            master = Optional.of(SecretBytes.copyOf(octets));
            Arrays.fill(octets, (byte) 0);
        }
        byte[] sessionId = sp.getSessionID() == null ? new byte[0] : sp.getSessionID();
        return new BcTlsSession(TlsVersion.of(sp.getNegotiatedVersion()), CipherSuites.nameOf(sp.getCipherSuite()),
                sessionId, psk, Certificates.x509(sp.getPeerCertificate()), !tls13 && sp.isExtendedMasterSecret(),
                !tls13 && sp.isSecureRenegotiation(), Optional.ofNullable(alpn).map(ProtocolName::getUtf8Decoding),
                master);
    }
}
