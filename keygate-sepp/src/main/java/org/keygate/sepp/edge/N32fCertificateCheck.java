package org.keygate.sepp.edge;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;

/**
 * TS 33.501 13.1.2, N32-f over TLS: "if the certificate used for N32-f contains one or more PLMN-IDs that are not
 * contained in the TLS certificate used for the corresponding N32-c, the N32-f certificate shall be rejected". A
 * certificate without any PLMN ID proves nothing and is rejected too. The caller closes the N32-f connection on
 * failure; the ProblemDetails is for a request that arrived on it before the check.
 */
public final class N32fCertificateCheck {
    private N32fCertificateCheck() {}

    /** Passes the N32-f certificate's identity when its PLMN IDs are a non-empty subset of the N32-c one's. */
    public static EdgeCheckResult<PeerIdentity> check(X509Certificate n32fLeaf, X509Certificate n32cLeaf) {
        PeerIdentity n32f = PeerIdentity.of(n32fLeaf);
        Set<PlmnId> extra = new HashSet<>(n32f.plmnIds());
        extra.removeAll(PeerIdentity.of(n32cLeaf).plmnIds());
        if (n32f.plmnIds().isEmpty() || !extra.isEmpty()) {
            return EdgeCheckResult.fail(EdgeViolation.N32F_CERTIFICATE_PLMN_MISMATCH,
                    "the N32-f certificate names PLMN IDs the N32-c certificate does not");
        }
        return new EdgeCheckResult.Pass<>(n32f);
    }
}
