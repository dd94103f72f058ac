package org.keygate.sepp.cluster;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * TLS of the internal link between instances: mutual, with the SEPP's own key and certificate on both ends, and the
 * own certificate as the only trust anchor. Instances share one identity, so the peer must present exactly that
 * certificate; the JDK's PKIX trust manager accepts a chain whose leaf is itself an anchor, and nothing else here.
 * TLS 1.3 only: both ends are keygate.
 */
final class InternalTls {
    private static final char[] NO_PASSWORD = new char[0];
    private final SSLContext context;

    InternalTls(TlsKeyMaterial own) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("sepp", own.key(), NO_PASSWORD, own.chain().toArray(new java.security.cert.Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, NO_PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("own", own.leaf());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            context = SSLContext.getInstance("TLSv1.3");
            context.init(new javax.net.ssl.KeyManager[] {
                    new OneKey((javax.net.ssl.X509ExtendedKeyManager) kmf.getKeyManagers()[0], own.key().getAlgorithm())},
                    tmf.getTrustManagers(), null);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cluster: cannot set up the internal link's TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The own key whatever the peer asks for: the JDK's key manager offers a client certificate only if its issuer is
     * among the server's certificate_authorities, which here name the own leaf (the one anchor), never its CA.
     */
    private static final class OneKey extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509ExtendedKeyManager keys;
        private final String alias;

        OneKey(javax.net.ssl.X509ExtendedKeyManager keys, String keyType) {
            this.keys = keys;
            String[] aliases = keys.getClientAliases(keyType, null);
            if (aliases == null || aliases.length != 1) {
                throw new IllegalStateException("cluster: expected the one own key of type " + keyType);
            }
            this.alias = aliases[0];
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                javax.net.ssl.SSLEngine engine) {
            return alias;
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return alias;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers,
                javax.net.ssl.SSLEngine engine) {
            return keys.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return keys.chooseServerAlias(keyType, issuers, s);
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public java.security.cert.X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    SSLContext context() {
        return context;
    }

    SSLParameters server() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setNeedClientAuth(true);
        return p;
    }

    /** No endpoint identification: the peer is identified by presenting the one trusted certificate. */
    SSLParameters client() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setServerNames(List.of());
        return p;
    }
}
