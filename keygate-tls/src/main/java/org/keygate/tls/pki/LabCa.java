package org.keygate.tls.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A lab root CA (EC P-256, SHA256withECDSA) issuing SEPP end-entity certificates. For labs and tests only: real
 * SEPP certificates come from the operator's PKI (TS 33.310).
 */
public final class LabCa {
    private static final String SIGNATURE = "SHA256withECDSA";
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    private LabCa(KeyPair keys, X509Certificate certificate, Duration validity) {
        this.keys = keys;
        this.certificate = certificate;
        this.validity = validity;
    }

    /** A self-signed root: basicConstraints CA, keyCertSign and cRLSign. */
    public static LabCa create(String commonName, Duration validity) throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        X500Principal subject = new X500Principal("CN=" + commonName + ", O=keygate lab");
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(kp.getPublic()));
            return new LabCa(kp, sign(b, kp), validity);
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create the lab CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * An end-entity certificate for serverAuth and clientAuth with the given SAN dNSNames (the first is also the
     * CN) and IP addresses.
     */
    public Issued issue(List<String> dnsNames, List<InetAddress> ips) throws GeneralSecurityException {
        return issue(dnsNames, ips, List.of());
    }

    /**
     * As {@link #issue(List, List)}, with the RFC 9310 NFTypes extension listing {@code nfTypes} (non-critical, as RFC
     * 9310 2 asks) when not empty.
     */
    public Issued issue(List<String> dnsNames, List<InetAddress> ips, List<String> nfTypes)
            throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        Instant now = Instant.now();
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)),
                    new X500Principal("CN=" + dnsNames.getFirst() + ", O=keygate lab"), kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(kp.getPublic()));
            if (!nfTypes.isEmpty()) {
                b.addExtension(org.keygate.tls.plmn.NfTypes.ID_PE_NFTYPE, false,
                        org.keygate.tls.plmn.NfTypes.extensionValue(nfTypes));
            }
            return new Issued(kp, sign(b, keys));
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a lab certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A delegated OCSP responder's certificate (RFC 6960 4.2.2.2): issued by this CA for id-kp-OCSPSigning only, with
     * id-pkix-ocsp-nocheck (4.2.2.2.1), so that a responder (openssl ocsp in the tests) can sign answers about this
     * CA's certificates without holding its key.
     */
    public Issued issueOcspResponder(String commonName) throws GeneralSecurityException {
        KeyPair kp = newKeyPair();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(random),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)),
                    new X500Principal("CN=" + commonName + ", O=keygate lab"), kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))
                    .addExtension(org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false,
                            org.bouncycastle.asn1.DERNull.INSTANCE)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(kp, sign(b, keys));
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a lab OCSP responder: " + e.getMessage(), e);
        }
    }

    /**
     * A CRL of this CA (RFC 5280 5, v2, SHA256withECDSA) listing {@code revoked} as keyCompromise, valid from
     * {@code thisUpdate} to {@code nextUpdate}, with the CRL number {@code number}: what a partner's CA publishes when a
     * SEPP key leaks, for revocation tests and labs.
     */
    public java.security.cert.X509CRL crl(List<X509Certificate> revoked, Instant thisUpdate, Instant nextUpdate,
            long number) throws GeneralSecurityException {
        try {
            org.bouncycastle.cert.X509v2CRLBuilder b = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(
                    certificate.getSubjectX500Principal(), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate c : revoked) {
                b.addCRLEntry(c.getSerialNumber(), Date.from(thisUpdate),
                        org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(
                    BigInteger.valueOf(number)));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(
                    b.build(new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate())));
        } catch (java.io.IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot issue a lab CRL: " + e.getMessage(), e);
        }
    }

    /** An issued key pair and certificate. */
    public record Issued(KeyPair keyPair, X509Certificate certificate) {
        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer.getPrivate())));
    }
}
