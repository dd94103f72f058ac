package org.keygate.tls.jsse;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM certificates and private keys, read with Bouncy Castle's PEM parser (the JDK has none). Errors name the file
 * and what was found, never key material.
 */
public final class PemFiles {
    private PemFiles() {}

    /** Every certificate in the file, in order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(converter.getCertificate(h));
                }
            }
        }
        if (out.isEmpty()) {
            throw new CertificateException(file + ": no PEM CERTIFICATE found");
        }
        return out;
    }

    /** The first private key in the file: PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY" / PKCS#1. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException(file + ": unreadable private key (" + e.getClass().getSimpleName() + ")");
        }
        throw new IOException(file + ": no unencrypted PEM private key found");
    }
}
