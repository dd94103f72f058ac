package org.keygate.tls.revocation;

import java.security.cert.X509Certificate;
import java.util.Objects;

/** The revocation policy of the certificates that validate against {@code anchor}. */
public record AnchorRevocation(X509Certificate anchor, RevocationPolicy policy) {
    public AnchorRevocation {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(policy, "policy");
    }

    @Override
    public String toString() {
        return "AnchorRevocation[" + anchor.getSubjectX500Principal() + ", " + policy + "]";
    }
}
