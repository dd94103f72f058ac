package org.keygate.tls.bc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSK;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.keygate.crypto.secret.InsecureSecretAccess;

/** The BC client policy made from a {@link BcTlsClientConfig}; one per connection. */
final class KeygateTlsClient extends AbstractTlsClient {
    private final JcaTlsCrypto crypto;
    private final BcTlsClientConfig config;
    private final PeerEvents events;
    private boolean pskSelected;

    KeygateTlsClient(JcaTlsCrypto crypto, BcTlsClientConfig config, PeerEvents events) {
        super(crypto);
        this.crypto = crypto;
        this.config = config;
        this.events = events;
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
    protected Vector<ProtocolName> getProtocolNames() {
        if (config.applicationProtocols().isEmpty()) {
            return null;
        }
        Vector<ProtocolName> names = new Vector<>();
        config.applicationProtocols().forEach(p -> names.add(ProtocolName.asUtf8Encoding(p)));
        return names;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        Optional<String> name = config.serverName().filter(n -> !n.matches("[0-9.]+") && !n.contains(":"));
        if (name.isEmpty()) {
            return null; // RFC 6066 3: no IP literals in SNI
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, name.get().getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return config.requireExtendedMasterSecret();
    }

    @Override
    public void notifySecureRenegotiation(boolean secureRenegotiation) throws IOException {
        if (!secureRenegotiation && config.requireSecureRenegotiation()) {
            // RFC 5746 4.1: a client that requires it aborts
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the server does not support RFC 5746");
        }
    }

    /** TLS 1.2 PSK suites: the identity and key for the ClientKeyExchange (RFC 4279 2). */
    @Override
    public TlsPSKIdentity getPSKIdentity() {
        return config.psk().map(p -> {
            byte[] key = p.key().toByteArray(InsecureSecretAccess.get());
            try {
                return (TlsPSKIdentity) new BasicTlsPSKIdentity(p.identity(), key); // BC keeps its own copy
            } finally {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }).orElse(null);
    }

    /** TLS 1.3 external PSK, psk_dhe_ke (RFC 8446 4.2.9, 4.2.11). */
    @Override
    public Vector getExternalPSKs() {
        if (config.psk().isEmpty() || !config.versions().contains(TlsVersion.TLS_1_3)) {
            return null;
        }
        ExternalPsk p = config.psk().get();
        byte[] key = p.key().toByteArray(InsecureSecretAccess.get());
        try {
            Vector<Object> v = new Vector<>();
            v.add(new BasicTlsPSKExternal(p.identity().getBytes(StandardCharsets.UTF_8), crypto.createSecret(key),
                    PRFAlgorithm.tls13_hkdf_sha256));
            return v;
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public void notifySelectedPSK(TlsPSK selectedPSK) {
        pskSelected = selectedPSK != null;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                if (config.trustAnchors().isEmpty()) {
                    // PSK-only client: a server that authenticates by certificate is not the one we share a key with
                    throw new TlsFatalAlert(AlertDescription.certificate_unknown, "no trust anchors configured");
                }
                List<X509Certificate> chain = Certificates.x509(serverCertificate.getCertificate());
                Certificates.validate(chain, config.trustAnchors());
                if (config.serverName().isPresent()) {
                    Certificates.checkServerName(chain.getFirst(), config.serverName().get());
                }
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (config.keyMaterial().isEmpty()) {
                    return null;
                }
                return Certificates.signer(context, crypto, config.keyMaterial().get(),
                        request.getSupportedSignatureAlgorithms());
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        Optional<String> tls13Psk = pskSelected ? config.psk().map(ExternalPsk::identity) : Optional.empty();
        events.handshakeComplete(SessionCapture.capture(context, config.captureMasterSecret(), tls13Psk));
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
