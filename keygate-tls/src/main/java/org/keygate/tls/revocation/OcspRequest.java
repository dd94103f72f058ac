package org.keygate.tls.revocation;

import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One OCSP request (RFC 6960 4.1) about one certificate, built with Bouncy Castle, and what its answer must match: the
 * CertID and, when one was sent, the nonce extension.
 *
 * @param der the DER OCSPRequest, the body of the http POST (RFC 6960 A.1)
 * @param nonce the nonce extension sent (RFC 8954), to be found unchanged in the answer
 */
record OcspRequest(CertificateID certId, byte[] der, Optional<Extension> nonce) {
    /** RFC 8954 2.1: a nonce of 1 to 32 octets; 16 random ones make a replayed answer unlikely to match. */
    static final int NONCE_OCTETS = 16;

    /**
     * The CertID hashes with SHA-1: RFC 5019 2.1.1 asks responders for it, and every responder answers it (RFC 6960
     * 4.1.1 leaves the choice to the client; the hashes only name the issuer, they protect nothing).
     */
    static OcspRequest of(X509Certificate cert, X509Certificate issuer, boolean withNonce, SecureRandom random)
            throws IOException {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            OCSPReqBuilder b = new OCSPReqBuilder().addRequest(id);
            Optional<Extension> nonce = Optional.empty();
            if (withNonce) {
                byte[] value = new byte[NONCE_OCTETS];
                random.nextBytes(value);
                // extnValue holds the DER of Nonce ::= OCTET STRING (RFC 8954 2.1)
                nonce = Optional.of(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new DEROctetString(value))));
                b.setRequestExtensions(new Extensions(nonce.get()));
            }
            return new OcspRequest(id, b.build().getEncoded(), nonce);
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IOException("cannot build the OCSP request for " + cert.getSubjectX500Principal() + ": "
                    + e.getMessage(), e);
        }
    }
}
