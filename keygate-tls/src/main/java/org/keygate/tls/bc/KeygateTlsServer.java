package org.keygate.tls.bc;

import java.io.IOException;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskIdentity;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsPSKIdentityManager;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;

/** The BC server policy made from a {@link BcTlsServerConfig}; one per connection. */
final class KeygateTlsServer extends AbstractTlsServer {
    private static final int SESSION_ID_OCTETS = 32;

    private final JcaTlsCrypto crypto;
    private final BcTlsServerConfig config;
    private final PskKeys pskKeys;
    private final PeerEvents events;
    private String tls13PskIdentity;

    KeygateTlsServer(JcaTlsCrypto crypto, BcTlsServerConfig config, PskKeys pskKeys, PeerEvents events) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.pskKeys = pskKeys;
        this.events = events;
    }

    /** Whether this TLS 1.2 handshake chose a PSK key exchange (RFC 4279 2-4, RFC 5489); false before ServerHello. */
    boolean pskKeyExchangeSelected() {
        var handshake = context == null ? null : context.getSecurityParametersHandshake();
        if (handshake == null) {
            return false;
        }
        int kx = handshake.getKeyExchangeAlgorithm();
        return kx == KeyExchangeAlgorithm.PSK || kx == KeyExchangeAlgorithm.DHE_PSK
                || kx == KeyExchangeAlgorithm.ECDHE_PSK || kx == KeyExchangeAlgorithm.RSA_PSK;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return config.versions().stream().map(TlsVersion::bc).toArray(ProtocolVersion[]::new);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), CipherSuites.codes(config.cipherSuites()));
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    protected Vector<ProtocolName> getProtocolNames() {
        if (config.applicationProtocols().isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        config.applicationProtocols().forEach(p -> names.add(ProtocolName.asUtf8Encoding(p)));
        return names;
    }

    @Override
    public byte[] getNewSessionID() {
        if (config.sessionIdPolicy() == SessionIdPolicy.EMPTY) {
            return null;
        }
        // TS 33.122 (DESIGN.md, CAPIF decisions): 32 random octets, never empty
        byte[] id = new byte[SESSION_ID_OCTETS];
        crypto.getSecureRandom().nextBytes(id);
        return id;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return config.requireExtendedMasterSecret();
    }

    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) throws IOException {
        if (!secureRenegotiation && config.requireSecureRenegotiation()) {
            // RFC 5746 4.4: a server that requires secure renegotiation aborts with handshake_failure
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client does not support RFC 5746");
        }
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        if (TlsUtils.isTLSv13(context)) {
            // Reached only when no external PSK was selected.
            boolean pskOffered = clientExtensions != null
                    && TlsExtensionsUtils.getPreSharedKeyClientHello(clientExtensions) != null;
            if (pskOffered && pskKeys.anyFailed()) {
                // The key's source could not answer (the AEF's CCF, TS 33.122 6.5.2.1 step 4): the client wanted PSK
                // authentication and would meet a certificate it cannot check; say that the server failed instead.
                throw new TlsFatalAlert(AlertDescription.internal_error, "the PSK lookup failed");
            }
            if (config.keyMaterial().isEmpty()) {
                if (pskOffered) {
                    // RFC 8446 6.2: PSK key establishment is desired but no offered identity is known
                    throw new TlsFatalAlert(AlertDescription.unknown_psk_identity, "no known PSK identity offered");
                }
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offered no PSK");
            }
            return signer();
        }
        int kx = context.getSecurityParametersHandshake().getKeyExchangeAlgorithm();
        return switch (kx) {
            case KeyExchangeAlgorithm.PSK, KeyExchangeAlgorithm.DHE_PSK, KeyExchangeAlgorithm.ECDHE_PSK -> null;
            case KeyExchangeAlgorithm.ECDHE_ECDSA, KeyExchangeAlgorithm.ECDHE_RSA -> signer();
            default -> throw new TlsFatalAlert(AlertDescription.internal_error, "key exchange " + kx);
        };
    }

    private TlsCredentials signer() throws IOException {
        return Certificates.signer(context, crypto, config.keyMaterial().orElseThrow(),
                context.getSecurityParametersHandshake().getClientSigAlgs());
    }

    @Override
    public TlsPSKIdentityManager getPSKIdentityManager() {
        return new TlsPSKIdentityManager() {
            @Override
            public byte[] getHint() {
                return null;
            }

            @Override
            public byte[] getPSK(byte[] identity) {
                // null makes BC send unknown_psk_identity (RFC 4279 2)
                return PskKeys.decode(identity).flatMap(pskKeys::key)
                        .map(k -> k.toByteArray(InsecureSecretAccess.get())).orElse(null);
            }
        };
    }

    @Override
    public TlsPSKExternal getExternalPSK(Vector identities) {
        if (config.pskLookup().isEmpty()) {
            return null;
        }
        for (Object o : identities) {
            byte[] raw = ((PskIdentity) o).getIdentity();
            Optional<String> name = PskKeys.decode(raw);
            Optional<SecretBytes> key = name.flatMap(pskKeys::key);
            if (key.isPresent()) {
                tls13PskIdentity = name.get();
                byte[] octets = key.get().toByteArray(InsecureSecretAccess.get());
                try {
                    // RFC 8446 4.2.11: an external PSK is bound to one hash; SHA-256 unless agreed otherwise
                    return new BasicTlsPSKExternal(raw, crypto.createSecret(octets), PRFAlgorithm.tls13_hkdf_sha256);
                } finally {
                    java.util.Arrays.fill(octets, (byte) 0);
                }
            }
        }
        return null;
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (config.clientAuth() == ClientAuth.NONE) {
            return null;
        }
        Vector<?> sigAlgs = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, null);
        }
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                sigAlgs, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            if (config.clientAuth() == ClientAuth.REQUIRED) {
                // RFC 8446 4.4.2.4: certificate_required; RFC 5246 7.4.6: handshake_failure
                throw new TlsFatalAlert(TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
                        : AlertDescription.handshake_failure, "client certificate required");
            }
            return;
        }
        Certificates.validate(Certificates.x509(clientCertificate), config.trustAnchors());
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        events.handshakeComplete(SessionCapture.capture(context, config.captureMasterSecret(),
                Optional.ofNullable(tls13PskIdentity)));
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        events.alertRaised(level, description, message, cause);
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        events.alertReceived(level, description);
    }
}
