package org.keygate.sepp.config;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.expiry.CertificateFinding;
import org.keygate.tls.expiry.ExpiryStatus;

/**
 * The certificates a SEPP configuration names (its own chain, each partner's and each IPX's trust anchor) against
 * their notAfter, for {@code keygate sepp --check}: expired ones are refused, those expiring within
 * {@link ExpiryStatus#SOON} reported.
 */
public final class CertificateValidity {
    private CertificateValidity() {}

    /** The findings at {@code now}, in configuration order. */
    public static List<CertificateFinding> check(SeppConfig config, Instant now) {
        List<CertificateFinding> out = new ArrayList<>();
        List<X509Certificate> chain = config.keyMaterial().chain();
        for (int i = 0; i < chain.size(); i++) {
            CertificateFinding.addIfNotValid(out, "tls.certificateChain[" + i + "]", chain.get(i), now);
        }
        for (int i = 0; i < config.peers().size(); i++) {
            var peer = config.peers().get(i);
            CertificateFinding.addIfNotValid(out, "peers[" + i + "].trustAnchor", peer.trustAnchor(), now);
            int index = i;
            peer.intermediary().ifPresent(ipx -> CertificateFinding.addIfNotValid(out,
                    "peers[" + index + "].ipx.trustAnchor", ipx.trustAnchor(), now));
        }
        return out;
    }
}
