package org.keygate.sepp.nf;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keygate.tls.jsse.TlsParts;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * How the home SEPP reaches an NF of its own PLMN over TLS (TS 33.501 13.1.0: SBI inside a PLMN is protected with
 * TLS where the operator chooses): plain PKIX to the operator's own trust anchors (not PLMN trust: the NF is this
 * operator's), the NF's host name checked (endpoint identification), and an optional client certificate.
 *
 * @param trustAnchors the operator's CAs the NF's certificate must chain to; at least one
 * @param clientKey the SEPP's certificate and key toward the NF, when the NF asks for one
 */
public record NfTls(List<X509Certificate> trustAnchors, Optional<TlsKeyMaterial> clientKey) {
    private static final char[] NO_PASSWORD = new char[0];

    public NfTls {
        trustAnchors = List.copyOf(trustAnchors);
        Objects.requireNonNull(clientKey, "clientKey");
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors: [] (expected: the operator's CA for its NFs)");
        }
    }

    /** A JSSE context with these anchors and, if any, the client certificate (TLS 1.3 and 1.2). */
    public SSLContext sslContext() {
        return parts().jdk();
    }

    /**
     * The JDK context with its key and trust managers, so that the data path's other TLS provider can be built on the
     * same ones ({@link org.keygate.tls.jsse.TlsEngines}).
     */
    public TlsParts parts() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                anchors.setCertificateEntry("anchor-" + i, trustAnchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(anchors);
            X509ExtendedTrustManager trust = java.util.Arrays.stream(tmf.getTrustManagers())
                    .filter(t -> t instanceof X509ExtendedTrustManager).map(t -> (X509ExtendedTrustManager) t)
                    .findFirst().orElseThrow(() -> new GeneralSecurityException("the JDK offers no PKIX trust manager"));
            Optional<X509ExtendedKeyManager> keys = Optional.empty();
            if (clientKey.isPresent()) {
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry("client", clientKey.get().key(), NO_PASSWORD,
                        clientKey.get().chain().toArray(X509Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(own, NO_PASSWORD);
                keys = java.util.Arrays.stream(kmf.getKeyManagers()).filter(k -> k instanceof X509ExtendedKeyManager)
                        .map(k -> (X509ExtendedKeyManager) k).findFirst();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys.map(k -> new KeyManager[] {k}).orElse(null), new TrustManager[] {trust}, null);
            return new TlsParts(ctx, keys, trust);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context toward the home NFs: " + e.getMessage(), e);
        }
    }

    /** SNI and endpoint identification for the NF's host (the target authority without its port). */
    public static SSLParameters clientParameters(SSLContext context, String host) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    @Override
    public String toString() {
        return "NfTls[" + trustAnchors.size() + " anchor(s), client certificate: " + clientKey.isPresent() + "]";
    }
}
