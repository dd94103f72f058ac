package org.keygate.sepp.config;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.expiry.ExpiryStatus;

/**
 * The certificates a SEPP configuration names (its own chain, each partner's and each IPX's trust anchor) against
 * their notAfter, for {@code keygate sepp --check}: expired ones are refused, those expiring within
 * {@link ExpiryStatus#SOON} reported.
 */
public final class CertificateValidity {
    private CertificateValidity() {}

    /** One certificate of the configuration that is not plainly {@link ExpiryStatus#VALID}. */
    public record Finding(String field, X509Certificate certificate, ExpiryStatus status) {
        @Override
        public String toString() {
            return field + ": certificate " + certificate.getSubjectX500Principal()
                    + (status == ExpiryStatus.EXPIRED ? " expired at " : " expires at ")
                    + certificate.getNotAfter().toInstant();
        }
    }

    /** The findings at {@code now}, in configuration order. */
    public static List<Finding> check(SeppConfig config, Instant now) {
        List<Finding> out = new ArrayList<>();
        List<X509Certificate> chain = config.keyMaterial().chain();
        for (int i = 0; i < chain.size(); i++) {
            add(out, "tls.certificateChain[" + i + "]", chain.get(i), now);
        }
        for (int i = 0; i < config.peers().size(); i++) {
            var peer = config.peers().get(i);
            add(out, "peers[" + i + "].trustAnchor", peer.trustAnchor(), now);
            int index = i;
            peer.intermediary().ifPresent(ipx -> add(out, "peers[" + index + "].ipx.trustAnchor", ipx.trustAnchor(),
                    now));
        }
        return out;
    }

    private static void add(List<Finding> out, String field, X509Certificate cert, Instant now) {
        ExpiryStatus status = ExpiryStatus.of(cert, now);
        if (status != ExpiryStatus.VALID) {
            out.add(new Finding(field, cert, status));
        }
    }
}
