package org.keygate.ims.kms;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.keygate.tls.jsse.SwappableKeyManager;
import org.keygate.tls.jsse.SwappableTrustManager;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * JSSE contexts for the KMS interface: mutual TLS 1.3/1.2 with the JDK's PKIX trust over the operator's IMS CA
 * certificates. keygate-tls's {@code MutualTls} trusts by PLMN (SEPP certificates with 5GC FQDNs); IMS nodes carry
 * IMS domain names instead, so the KMS and its users trust their CA directly and the KMS maps the client
 * certificate's SAN names to users ({@link KmsUser#tlsNames()}).
 */
public final class KmsTls {
    private static final char[] NO_PASSWORD = new char[0];
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** RFC 5280 4.2.1.6 GeneralName tags. */
    private static final int DNS_NAME = 2;
    private static final int URI = 6;

    private KmsTls() {}

    public static SSLContext context(TlsKeyMaterial own, List<X509Certificate> trustAnchors) {
        Managers m = managers(own, trustAnchors);
        return context(m.keys(), m.trust());
    }

    /**
     * A context whose key and trust a reload replaces ({@link Reloadable#reload}; issue 18): every handshake after it
     * uses the new certificate and anchors, the connections already up keep what they agreed.
     */
    public static Reloadable reloadable(TlsKeyMaterial own, List<X509Certificate> trustAnchors) {
        Managers m = managers(own, trustAnchors);
        SwappableKeyManager keys = new SwappableKeyManager(m.keys());
        SwappableTrustManager trust = new SwappableTrustManager(m.trust());
        return new Reloadable(context(keys, trust), keys, trust);
    }

    /** A context built by {@link #reloadable}. */
    public static final class Reloadable {
        private final SSLContext context;
        private final SwappableKeyManager keys;
        private final SwappableTrustManager trust;

        private Reloadable(SSLContext context, SwappableKeyManager keys, SwappableTrustManager trust) {
            this.context = context;
            this.keys = keys;
            this.trust = trust;
        }

        public SSLContext context() {
            return context;
        }

        /**
         * Builds the new key and trust managers first (a failure changes nothing), then swaps both. A TLS 1.3 session
         * resumed from before the reload is not checked against the new anchors (JSSE resumes without the trust
         * manager): the KMS's per-request user check ({@link KmsUser#tlsNames()}) is what a reload cuts off at once.
         */
        public void reload(TlsKeyMaterial own, List<X509Certificate> trustAnchors) {
            Managers m = managers(own, trustAnchors);
            keys.swap(m.keys());
            trust.swap(m.trust());
        }
    }

    private record Managers(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {}

    private static Managers managers(TlsKeyMaterial own, List<X509Certificate> trustAnchors) {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("trustAnchors: [] (expected: the IMS CA certificates)");
        }
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("own", own.key(), NO_PASSWORD, own.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keys, NO_PASSWORD);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                trust.setCertificateEntry("anchor-" + i, trustAnchors.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            return new Managers((X509ExtendedKeyManager) kmf.getKeyManagers()[0],
                    (X509ExtendedTrustManager) tmf.getTrustManagers()[0]);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(X509ExtendedKeyManager keys, X509ExtendedTrustManager trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {keys}, new javax.net.ssl.TrustManager[] {trust},
                    new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** Server side: a client certificate is required. */
    public static SSLParameters serverParameters(SSLContext ctx) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setNeedClientAuth(true);
        return p;
    }

    /** Client side: SNI and endpoint identification with the KMS's host name. */
    public static SSLParameters clientParameters(SSLContext ctx, String kmsHost) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setServerNames(List.of(new SNIHostName(kmsHost)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /** The SAN dNSNames and URIs of a certificate. */
    public static Set<String> names(X509Certificate cert) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && (Integer.valueOf(DNS_NAME).equals(san.get(0))
                            || Integer.valueOf(URI).equals(san.get(0))) && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A SAN that does not parse names nobody: no user matches and the request is refused.
        }
        return names;
    }
}
