package org.keygate.tls.jsse;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A SEPP chain whose leaf expired yesterday, under a root that is valid: made here with Bouncy Castle, since the lab CA
 * only issues certificates valid from now (and a test must not wait for one to expire).
 */
record ExpiredChain(X509Certificate root, TlsKeyMaterial sepp) {

    static ExpiredChain forFqdn(String seppFqdn) throws Exception {
        Instant now = Instant.now();
        KeyPair caKeys = ecKeys();
        X500Principal ca = new X500Principal("CN=expired-test-root, O=keygate test");
        X509Certificate root = sign(new JcaX509v3CertificateBuilder(ca, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(10))), Date.from(now.plus(Duration.ofDays(10))), ca,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);
        KeyPair leafKeys = ecKeys();
        X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(ca, BigInteger.TWO,
                Date.from(now.minus(Duration.ofDays(5))), Date.from(now.minus(Duration.ofDays(1))),
                new X500Principal("CN=" + seppFqdn + ", O=keygate test"), leafKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, seppFqdn))), caKeys);
        return new ExpiredChain(root, new TlsKeyMaterial(leafKeys.getPrivate(), List.of(leaf, root)));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder b, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }
}
