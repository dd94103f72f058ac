package org.keygate.tls.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The checks an OCSP answer must pass before it is believed (RFC 6960 3.2 and 4.2.2.2), on Bouncy Castle's parsing
 * and signature verification: a successful response of the basic type, signed by the certificate's issuer or by a
 * delegated responder the issuer certified with id-kp-OCSPSigning, answering for the CertID that was asked, with the
 * nonce that was sent, and current (thisUpdate not in the future, nextUpdate not past).
 *
 * <p>The delegated responder's own revocation is not checked: RFC 6960 4.2.2.2.1 lets a CA mark it id-pkix-ocsp-nocheck
 * and keep its lifetime short, and asking the responder about itself would prove nothing.
 */
final class OcspResponseVerifier {
    /** Clocks of responders and SEPPs differ: a thisUpdate this far in the future is still taken. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private OcspResponseVerifier() {}

    /**
     * @param maxAgeWithoutNextUpdate how old (from thisUpdate) an answer without nextUpdate may be
     * @throws IOException saying which check failed; the answer is then not used
     */
    static OcspAnswer verify(byte[] der, OcspRequest request, X509Certificate cert, X509Certificate issuer,
            URI responder, Instant now, Duration maxAgeWithoutNextUpdate) throws IOException {
        OCSPResp resp;
        try {
            resp = new OCSPResp(der);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not an OCSPResponse (" + e.getMessage() + ")");
        }
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException("responseStatus " + statusName(resp.getStatus()) + " (RFC 6960 4.2.1)");
        }
        Object body;
        try {
            body = resp.getResponseObject();
        } catch (OCSPException e) {
            throw new IOException("unreadable response bytes: " + e.getMessage());
        }
        if (!(body instanceof BasicOCSPResp basic)) {
            throw new IOException("not an id-pkix-ocsp-basic response (RFC 6960 4.2.1)");
        }
        checkSigner(basic, issuer, now);
        if (request.nonce().isPresent()) {
            Extension got = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (got == null) {
                throw new IOException("no nonce in the answer, although one was sent (set ocsp.nonce: false for a"
                        + " responder that serves pre-produced answers)");
            }
            if (!got.getExtnValue().equals(request.nonce().get().getExtnValue())) {
                throw new IOException("the nonce differs from the one sent (a replayed answer?)");
            }
        }
        SingleResp single = matching(basic, request.certId(), issuer, cert.getSerialNumber());
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Optional<Instant> nextUpdate = Optional.ofNullable(single.getNextUpdate()).map(Date::toInstant);
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
            throw new IOException("thisUpdate " + thisUpdate + " is in the future (RFC 6960 3.2 item 5)");
        }
        if (nextUpdate.isPresent() && now.isAfter(nextUpdate.get())) {
            throw new IOException("nextUpdate " + nextUpdate.get() + " has passed (RFC 6960 3.2 item 6)");
        }
        if (nextUpdate.isEmpty() && now.isAfter(thisUpdate.plus(maxAgeWithoutNextUpdate))) {
            throw new IOException("thisUpdate " + thisUpdate + " is older than " + maxAgeWithoutNextUpdate
                    + " and the answer has no nextUpdate");
        }
        CertificateStatus status = single.getCertStatus();
        if (status == CertificateStatus.GOOD) {
            return new OcspAnswer.Good(responder, thisUpdate, nextUpdate);
        }
        if (status instanceof RevokedStatus r) {
            String reason = "unspecified";
            if (r.hasRevocationReason()) {
                reason = reasonName(r.getRevocationReason());
            }
            return new OcspAnswer.Revoked(responder, thisUpdate, nextUpdate, r.getRevocationTime().toInstant(), reason);
        }
        if (status instanceof UnknownStatus) {
            return new OcspAnswer.Unknown(responder, thisUpdate, nextUpdate);
        }
        throw new IOException("certStatus of an unknown kind");
    }

    /** RFC 6960 4.2.2.2: the issuer itself, or a responder certificate it issued for OCSP signing. */
    private static void checkSigner(BasicOCSPResp basic, X509Certificate issuer, Instant now) throws IOException {
        if (signedBy(basic, issuer.getPublicKey())) {
            return;
        }
        for (X509CertificateHolder candidate : basic.getCerts()) {
            if (delegatedBy(candidate, issuer, now) && signedBy(basic, candidate)) {
                return;
            }
        }
        throw new IOException("not signed by the issuer " + issuer.getSubjectX500Principal()
                + " nor by a responder it certified for OCSP signing (RFC 6960 4.2.2.2)");
    }

    /** Issued by {@code issuer}, for id-kp-OCSPSigning (RFC 6960 4.2.2.2 item 3), valid now. */
    private static boolean delegatedBy(X509CertificateHolder candidate, X509Certificate issuer, Instant now) {
        try {
            if (!candidate.getIssuer().equals(new JcaX509CertificateHolder(issuer).getSubject())
                    || !candidate.isValidOn(Date.from(now))
                    || !candidate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                return false;
            }
            ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(candidate.getExtensions());
            return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
        } catch (OperatorCreationException | org.bouncycastle.cert.CertException | CertificateEncodingException
                | RuntimeException e) {
            return false; // a key or algorithm we cannot use: not the signer
        }
    }

    private static boolean signedBy(BasicOCSPResp basic, X509CertificateHolder responder) {
        try {
            return signedBy(basic, new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(responder).getPublicKey());
        } catch (java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static boolean signedBy(BasicOCSPResp basic, java.security.PublicKey key) {
        try {
            ContentVerifierProvider v = new JcaContentVerifierProviderBuilder().build(key);
            return basic.isSignatureValid(v);
        } catch (OperatorCreationException | OCSPException | RuntimeException e) {
            return false; // another algorithm than the key's: not signed by it
        }
    }

    /**
     * The SingleResponse for the certificate asked about. A responder may hash the CertID with another algorithm than
     * the request did (RFC 6960 4.1.1 lets it): such an entry is compared after hashing the issuer with that one.
     */
    private static SingleResp matching(BasicOCSPResp basic, CertificateID asked, X509Certificate issuer,
            BigInteger serial) throws IOException {
        for (SingleResp s : basic.getResponses()) {
            CertificateID id = s.getCertID();
            if (id.equals(asked)) {
                return s;
            }
            if (!id.getSerialNumber().equals(serial) || id.getHashAlgOID().equals(asked.getHashAlgOID())) {
                continue;
            }
            try {
                CertificateID rehashed = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(id.getHashAlgOID())), new JcaX509CertificateHolder(issuer), serial);
                if (rehashed.equals(id)) {
                    return s;
                }
            } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
                // a hash algorithm we cannot compute: this entry cannot be ours
            }
        }
        throw new IOException("no answer for serial " + serial.toString(16) + " of " + issuer.getSubjectX500Principal()
                + " among its " + basic.getResponses().length + " response(s) (CertID mismatch)");
    }

    private static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> String.valueOf(status);
        };
    }

    /** RFC 5280 5.3.1 CRLReason names, as the CRL path prints them (java.security.cert.CRLReason). */
    private static String reasonName(int reason) {
        java.security.cert.CRLReason[] names = java.security.cert.CRLReason.values();
        return reason >= 0 && reason < names.length ? names[reason].name() : "reason " + reason;
    }
}
