package org.keygate.capif.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSSE contexts whose only trust anchor is the CCF's CA: a certificate from any other issuer fails the handshake
 * (alert unknown_ca / certificate_unknown), which is how an invoker or provider function with a foreign certificate
 * is refused (TS 33.122 6.1, 6.3).
 */
public final class CapifTls {
    private static final char[] NO_PASSWORD = new char[0];

    private CapifTls() {}

    /** A context with {@code key}/{@code chain} (none for a client without a certificate yet) trusting {@code ca}. */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain, X509Certificate ca)
            throws GeneralSecurityException {
        return context(key, chain, List.of(ca));
    }

    /** The same trusting each of {@code cas} (the CCF's CAs during a roll-over: ca-bundle.crt). */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> cas)
            throws GeneralSecurityException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ccf-ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (key != null) {
                keys.setKeyEntry("self", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            }
            kmf.init(keys, NO_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /**
     * Server parameters: a client certificate is asked for but not required, since onboarding (TS 29.222 10.2)
     * runs with server authentication only; each resource then requires the certificate it needs. A client that
     * does present a certificate must present one from the CCF.
     */
    public static SSLParameters serverWantingClientCertificates(SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setWantClientAuth(true);
        return p;
    }

    /** Server parameters requiring a CCF-issued client certificate (CAPIF-3, the AEF's security API). */
    public static SSLParameters serverRequiringClientCertificates(SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setNeedClientAuth(true);
        return p;
    }
}
