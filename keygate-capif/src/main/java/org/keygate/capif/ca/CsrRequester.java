package org.keygate.capif.ca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The requester's side of onboarding: a fresh EC P-256 key pair and its PEM PKCS#10 CSR, for an API invoker or a
 * provider function. The private key stays with the caller.
 */
public record CsrRequester(KeyPair keyPair, String csrPem) {
    public static CsrRequester create(String subjectHint) throws GeneralSecurityException {
        KeyPair kp = CcfCertificateAuthority.newKeyPair();
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + subjectHint), kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()));
            return new CsrRequester(kp, Pem.of(csr));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the CSR: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CsrRequester[EC P-256]";
    }
}
