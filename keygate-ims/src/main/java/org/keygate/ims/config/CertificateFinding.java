package org.keygate.ims.config;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.expiry.ExpiryStatus;

/**
 * A certificate of a daemon's {@code tls} block that is not plainly valid, for {@code --check} (issue 18, as
 * {@code keygate sepp --check}): expired ones are refused, those expiring within {@link ExpiryStatus#SOON} reported.
 * {@code member} names it as the gauges {@code keygate_tls_certificate_expiry_seconds} do: {@code tls.certificate[i]}
 * (the chain, leaf first), {@code tls.trustAnchors[i]} (the anchors in file order).
 */
public record CertificateFinding(String member, X509Certificate certificate, ExpiryStatus status) {
    @Override
    public String toString() {
        return member + ": certificate " + certificate.getSubjectX500Principal()
                + (status == ExpiryStatus.EXPIRED ? " expired at " : " expires at ")
                + certificate.getNotAfter().toInstant();
    }

    /** The findings of {@code tls} at {@code now}, chain first, then anchors. */
    static List<CertificateFinding> of(ImsYaml.TlsFiles tls, Instant now) {
        List<CertificateFinding> out = new ArrayList<>();
        List<X509Certificate> chain = tls.own().chain();
        for (int i = 0; i < chain.size(); i++) {
            add(out, "tls.certificate[" + i + "]", chain.get(i), now);
        }
        for (int i = 0; i < tls.trustAnchors().size(); i++) {
            add(out, "tls.trustAnchors[" + i + "]", tls.trustAnchors().get(i), now);
        }
        return out;
    }

    private static void add(List<CertificateFinding> out, String member, X509Certificate cert, Instant now) {
        ExpiryStatus status = ExpiryStatus.of(cert, now);
        if (status != ExpiryStatus.VALID) {
            out.add(new CertificateFinding(member, cert, status));
        }
    }
}
