package org.keygate.capif.ca;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
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
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.keygate.tls.jsse.PemFiles;

/**
 * The CCF's CA: an EC P-256 root kept in {@code ca.crt} / {@code ca.key} (PKCS#8, mode 600) in the CCF's state
 * directory, created on first start and reused after, so certificates issued before a restart stay valid.
 *
 * <p>{@link #issueClient} signs a CSR whose signature verifies (proof of possession, RFC 2986) for a client
 * certificate with CN = the ID the CCF assigned; the CSR's own subject is ignored, so a requester cannot choose its
 * identity. Limits: the CSR at most {@value #MAX_CSR_CHARS} characters; keys EC P-256/P-384 or RSA of at least
 * {@value #MIN_RSA_BITS} bits.
 */
public final class CcfCertificateAuthority {
    /** A P-256 or RSA-4096 CSR in PEM is under 4 KiB; 16 Ki characters leaves room and bounds parsing. */
    public static final int MAX_CSR_CHARS = 16 * 1024;
    /** NIST SP 800-131A: RSA below 2048 bits is disallowed. */
    public static final int MIN_RSA_BITS = 2048;
    private static final String SIGNATURE = "SHA256withECDSA";

    static final String CRT = "ca.crt";
    static final String KEY = "ca.key";
    /** The CA before the last roll-over, still trusted until it expires ({@link CaRollover}). */
    static final String PREVIOUS = "ca-previous.crt";
    /** The current CA's key certified by the previous CA: parties that trust only the previous one still reach us. */
    static final String CROSS = "ca-cross.crt";
    /** The CAs to trust (current, then previous while it lives): what an operator hands to invokers and AEFs. */
    public static final String BUNDLE = "ca-bundle.crt";

    private final KeyPair keys;
    private final X509Certificate certificate;
    /** Of the certificates issued from now on; a CCF's reload may change it (docs/CAPIF.md "Reload"). */
    private volatile Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final X509Certificate previous;
    private final X509Certificate cross;

    private CcfCertificateAuthority(KeyPair keys, X509Certificate certificate, Duration validity, Clock clock) {
        this(keys, certificate, validity, clock, null, null);
    }

    CcfCertificateAuthority(KeyPair keys, X509Certificate certificate, Duration validity, Clock clock,
            X509Certificate previous, X509Certificate cross) {
        this.keys = keys;
        this.certificate = certificate;
        this.validity = validity;
        this.clock = clock;
        this.previous = previous;
        this.cross = cross;
    }

    /** Loads the CA from {@code dir}, or creates it there if neither file exists; one validity for all. */
    public static CcfCertificateAuthority openOrCreate(Path dir, String name, Duration validity, Clock clock)
            throws IOException, GeneralSecurityException {
        return openOrCreate(dir, name, CaLifetimes.of(validity), clock);
    }

    /**
     * Loads the CA from {@code dir} (with the previous one and its cross certificate while the previous lives), or
     * creates it there if neither file exists. Never rolls over: {@link CaRollover#renewIfDue} does.
     */
    public static CcfCertificateAuthority openOrCreate(Path dir, String name, CaLifetimes lifetimes, Clock clock)
            throws IOException, GeneralSecurityException {
        Path crt = dir.resolve(CRT);
        Path key = dir.resolve(KEY);
        if (Files.exists(crt) != Files.exists(key)) {
            throw new IllegalStateException("CCF CA: one of " + crt + " and " + key + " is missing");
        }
        if (Files.exists(crt)) {
            X509Certificate cert = PemFiles.readCertificates(crt).getFirst();
            PrivateKey pk = PemFiles.readPrivateKey(key);
            X509Certificate previous = null;
            X509Certificate cross = null;
            if (Files.exists(dir.resolve(PREVIOUS)) && Files.exists(dir.resolve(CROSS))) {
                previous = PemFiles.readCertificates(dir.resolve(PREVIOUS)).getFirst();
                cross = PemFiles.readCertificates(dir.resolve(CROSS)).getFirst();
                if (!previous.getNotAfter().toInstant().isAfter(clock.instant())) {
                    previous = null; // retired: CaRollover.renewIfDue removes its files
                    cross = null;
                }
            }
            return new CcfCertificateAuthority(new KeyPair(cert.getPublicKey(), pk), cert, lifetimes.issued(), clock,
                    previous, cross);
        }
        CcfCertificateAuthority ca = create(name, lifetimes, clock);
        Files.createDirectories(dir);
        ca.write(dir);
        return ca;
    }

    /** Writes ca.crt, ca.key (mode 600) and the trust bundle. */
    void write(Path dir) throws IOException {
        Path key = dir.resolve(KEY);
        Files.writeString(dir.resolve(CRT), Pem.of(certificate), StandardCharsets.US_ASCII);
        Files.deleteIfExists(key);
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key);
        }
        Files.writeString(key, Pem.of(new JcaPKCS8Generator(keys.getPrivate(), null)), StandardCharsets.US_ASCII);
        StringBuilder bundle = new StringBuilder();
        for (X509Certificate c : trustAnchors()) {
            bundle.append(Pem.of(c));
        }
        Files.writeString(dir.resolve(BUNDLE), bundle.toString(), StandardCharsets.US_ASCII);
    }

    /** A CA held in memory only; one validity for all. */
    public static CcfCertificateAuthority create(String name, Duration validity, Clock clock)
            throws GeneralSecurityException {
        return create(name, CaLifetimes.of(validity), clock);
    }

    /** A CA held in memory only. */
    public static CcfCertificateAuthority create(String name, CaLifetimes lifetimes, Clock clock)
            throws GeneralSecurityException {
        return create(new X500Principal("CN=" + name + ", O=keygate CAPIF"), lifetimes, clock);
    }

    static CcfCertificateAuthority create(X500Principal subject, CaLifetimes lifetimes, Clock clock)
            throws GeneralSecurityException {
        Duration validity = lifetimes.ca();
        KeyPair kp = newKeyPair();
        Instant now = clock.instant();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, new SecureRandom())
                    .add(BigInteger.ONE), Date.from(now.minusSeconds(60)), Date.from(now.plus(validity)), subject,
                    kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
            return new CcfCertificateAuthority(kp, sign(b, kp.getPrivate()), lifetimes.issued(), clock);
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot create the CCF CA: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA before the last roll-over, while it has not expired: still trusted, no longer issuing. */
    public java.util.Optional<X509Certificate> previous() {
        return java.util.Optional.ofNullable(previous);
    }

    /** The CAs whose certificates the CCF accepts: the current one, then the previous while it lives. */
    public List<X509Certificate> trustAnchors() {
        return previous == null ? List.of(certificate) : List.of(certificate, previous);
    }

    /**
     * The chain the CCF presents with a certificate issued here: the leaf, then the current CA, or, while a previous
     * CA lives, the current CA's cross certificate from it, so a party that trusts only the previous CA still
     * validates it (and one that trusts the current CA stops at the leaf's issuer).
     */
    public List<X509Certificate> chain(X509Certificate leaf) {
        return List.of(leaf, cross != null ? cross : certificate);
    }

    KeyPair keyPair() {
        return keys;
    }

    X509Certificate cross() {
        return cross;
    }

    /** For {@link OnboardingCredential} only: the CA key signs the credentials it later checks. */
    java.security.PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** Checks a PEM CSR: parses, verifies its self-signature, checks the key. */
    public static PublicKey verifyCsr(String csrPem) throws CsrException {
        if (csrPem == null || csrPem.isBlank()) {
            throw new CsrException("no CSR");
        }
        if (csrPem.length() > MAX_CSR_CHARS) {
            throw new CsrException("CSR longer than " + MAX_CSR_CHARS + " characters");
        }
        Object parsed;
        try (PEMParser p = new PEMParser(new StringReader(csrPem))) {
            parsed = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new CsrException("not a PEM PKCS#10 certificate request");
        }
        if (!(parsed instanceof PKCS10CertificationRequest csr)) {
            throw new CsrException("not a PEM PKCS#10 certificate request");
        }
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
            PublicKey key = jca.getPublicKey();
            checkKey(key);
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CsrException("the CSR's signature does not verify (no proof of possession, RFC 2986)");
            }
            return key;
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException e) {
            throw new CsrException("the CSR cannot be verified: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A client certificate (clientAuth) for {@code id}; with {@code serverDnsNames} non-empty also serverAuth with
     * those SAN dNSNames (an AEF's certificate for CAPIF-2e PKI).
     */
    /** How long the certificates issued from now on live (before the cap at the CA's notAfter). */
    public Duration issuedLifetime() {
        return validity;
    }

    /**
     * How long the certificates issued from now on live ({@code ca.certificateValidityDays}, capped at the CA's own
     * notAfter as before); those issued already keep theirs.
     */
    public void issuedLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("issuedLifetime: " + lifetime + " (expected: > 0)");
        }
        this.validity = lifetime;
    }

    /**
     * {@code now + validity}, but never beyond the CA's own notAfter: a certificate outliving its issuer fails
     * path validation (RFC 5280 6.1.3 (a)(2)) once the CA expires, whatever its own dates say.
     */
    private Date notAfter(Instant now) {
        Instant wanted = now.plus(validity);
        Instant ca = certificate.getNotAfter().toInstant();
        return Date.from(wanted.isAfter(ca) ? ca : wanted);
    }

    public X509Certificate issueClient(String csrPem, String id, List<String> serverDnsNames) throws CsrException {
        Objects.requireNonNull(id, "id");
        PublicKey key = verifyCsr(csrPem);
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate,
                    new BigInteger(64, random).add(BigInteger.ONE), Date.from(now.minusSeconds(60)),
                    notAfter(now), new X500Principal(new X500Name("CN=" + rdnEscape(id)).toString()),
                    key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            if (serverDnsNames.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            } else {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(serverDnsNames.stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            }
            return sign(b, keys.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate: " + e.getMessage(), e);
        }
    }

    /** The CN of a certificate issued here (the assigned ID), read from its subject. */
    public static String commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        var rdns = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return rdns.length == 1 ? org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(
                rdns[0].getFirst().getValue()) : null;
    }

    private static String rdnEscape(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("id: not a CCF-assigned ID");
        }
        return id;
    }

    private static void checkKey(PublicKey key) throws CsrException {
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw new CsrException("EC key on a " + bits + "-bit curve (expected: P-256 or P-384)");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new CsrException("RSA key of " + rsa.getModulus().bitLength() + " bits (expected: >= "
                        + MIN_RSA_BITS + ")");
            }
        } else {
            throw new CsrException("key type " + key.getAlgorithm() + " (expected: EC or RSA)");
        }
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(SIGNATURE)
                .build(signer)));
    }

    /** Only the subject: the CA key never prints. */
    @Override
    public String toString() {
        return "CcfCertificateAuthority[" + certificate.getSubjectX500Principal() + "]";
    }
}
