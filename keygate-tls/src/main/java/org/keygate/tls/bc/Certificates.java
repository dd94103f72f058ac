package org.keygate.tls.bc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * Between keygate's X.509 types and BC's TLS certificate messages: this end's signer credentials, and the check of
 * the peer's chain (PKIX against the configured anchors, RFC 5280 6; the server's name for a client, RFC 6125 6).
 */
final class Certificates {
    private Certificates() {}

    /** This end's chain and a signer whose scheme the peer listed ({@code peerSigAlgs}; null means RFC 5246 defaults). */
    static TlsCredentialedSigner signer(TlsContext context, JcaTlsCrypto crypto, TlsKeyMaterial km,
            Vector<?> peerSigAlgs) throws IOException {
        boolean tls13 = TlsUtils.isTLSv13(context);
        SignatureAndHashAlgorithm chosen = null;
        for (SignatureAndHashAlgorithm candidate : candidates(km, tls13)) {
            if (peerSigAlgs == null || peerSigAlgs.contains(candidate)) {
                chosen = candidate;
                break;
            }
        }
        if (chosen == null) {
            // RFC 8446 4.4.2.2 / RFC 5246 7.4.1.4.1: no scheme both sides accept for this key
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no signature scheme the peer accepts for "
                    + km.key().getAlgorithm());
        }
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, km.key(),
                chain(crypto, km.chain(), tls13), chosen);
    }

    private static List<SignatureAndHashAlgorithm> candidates(TlsKeyMaterial km, boolean tls13) {
        if (km.key().getAlgorithm().equals("EC") && km.leaf().getPublicKey() instanceof ECPublicKey ec) {
            // RFC 8446 4.2.3: in TLS 1.3 the ECDSA scheme fixes the curve
            short hash = ec.getParams().getCurve().getField().getFieldSize() > 256 ? HashAlgorithm.sha384
                    : HashAlgorithm.sha256;
            return List.of(SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa));
        }
        if (km.key().getAlgorithm().equals("RSA")) {
            // RFC 8446 4.2.3: RSASSA-PKCS1-v1_5 is for TLS 1.2 only
            return tls13 ? List.of(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256)
                    : List.of(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
                            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        }
        return List.of();
    }

    private static Certificate chain(JcaTlsCrypto crypto, List<X509Certificate> chain, boolean tls13) {
        TlsCertificate[] certs = chain.stream().map(c -> new JcaTlsCertificate(crypto, c)).toArray(TlsCertificate[]::new);
        if (!tls13) {
            return new Certificate(certs);
        }
        CertificateEntry[] entries = new CertificateEntry[certs.length];
        for (int i = 0; i < certs.length; i++) {
            entries[i] = new CertificateEntry(certs[i], null);
        }
        return new Certificate(TlsUtils.EMPTY_BYTES, entries);
    }

    /** The peer's chain as X.509, leaf first; empty for none. */
    static List<X509Certificate> x509(Certificate certificate) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        if (certificate == null) {
            return out;
        }
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < certificate.getLength(); i++) {
                out.add((X509Certificate) f.generateCertificate(
                        new ByteArrayInputStream(certificate.getCertificateAt(i).getEncoded())));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unparseable certificate", e);
        }
        return out;
    }

    /**
     * PKIX validation of {@code chain} (leaf first) to one of {@code anchors}, without revocation checks (the lab
     * and 3GPP deployments here distribute no CRLs); {@code bad_certificate} on failure (RFC 8446 6.2).
     */
    static void validate(List<X509Certificate> chain, List<X509Certificate> anchors) throws IOException {
        if (chain.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "empty certificate chain");
        }
        Set<TrustAnchor> trust = new HashSet<>();
        for (X509Certificate a : anchors) {
            trust.add(new TrustAnchor(a, null));
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // An anchor sent by the peer is not part of the path to validate (RFC 5280 6.1).
        while (path.size() > 1 && anchors.contains(path.getLast())) {
            path.removeLast();
        }
        try {
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "certificate chain not trusted: "
                    + e.getMessage(), e);
        }
    }

    /** RFC 6125 6: the dNSName (left-most "*" allowed) or, for an IP literal, iPAddress SANs of the leaf. */
    static void checkServerName(X509Certificate leaf, String serverName) throws IOException {
        String expected = serverName.toLowerCase(Locale.ROOT);
        boolean ipLiteral = expected.matches("[0-9.]+") || expected.contains(":");
        try {
            if (leaf.getSubjectAlternativeNames() != null) {
                for (List<?> san : leaf.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                    if (ipLiteral && type == 7
                            && InetAddress.getByName(value).equals(InetAddress.getByName(expected))) {
                        return;
                    }
                    if (!ipLiteral && type == 2 && dnsMatches(value, expected)) {
                        return;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "unreadable subjectAltName", e);
        }
        throw new TlsFatalAlert(AlertDescription.bad_certificate, "the server certificate does not name "
                + serverName);
    }

    private static boolean dnsMatches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(name);
    }
}
