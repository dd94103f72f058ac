package org.keygate.tls.expiry;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A configured certificate that is not plainly {@link ExpiryStatus#VALID}, for the daemons' {@code --check} (issue 18
 * item 3): expired ones are refused, those expiring within {@link ExpiryStatus#SOON} reported. {@code member} names
 * the configuration member or file it came from. One record for the SEPP, the CAPIF and the IMS daemons.
 */
public record CertificateFinding(String member, X509Certificate certificate, ExpiryStatus status) {
    /** Adds {@code certificate}'s finding at {@code now} to {@code out}, if it has one. */
    public static void addIfNotValid(List<CertificateFinding> out, String member, X509Certificate certificate,
            Instant now) {
        ExpiryStatus status = ExpiryStatus.of(certificate, now);
        if (status != ExpiryStatus.VALID) {
            out.add(new CertificateFinding(member, certificate, status));
        }
    }

    @Override
    public String toString() {
        return member + ": certificate " + certificate.getSubjectX500Principal()
                + (status == ExpiryStatus.EXPIRED ? " expired at " : " expires at ")
                + certificate.getNotAfter().toInstant();
    }
}
