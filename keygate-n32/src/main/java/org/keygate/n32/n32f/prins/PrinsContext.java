package org.keygate.n32.n32f.prins;

import java.util.Objects;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.crypto.n32.N32fSessionKeys;
import org.keygate.n32.n32c.N32Role;

/**
 * What PRINS needs of an established N32-f context (TS 33.501 13.2.4.4.1): which end of the first N32-c connection
 * this SEPP was (it picks the parallel or reverse keys), the two context IDs (outgoing metaData names the partner's,
 * incoming must name this SEPP's own) and the session keys. The SEPP node holds the rest of the context (partner,
 * policies, lifetime) and hands out this part.
 *
 * @param localContextId this SEPP's N32-f context ID.
 * @param remoteContextId the partner's.
 */
public record PrinsContext(N32Role role, N32fContextId localContextId, N32fContextId remoteContextId,
        N32fSessionKeys sessionKeys) {

    public PrinsContext {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(localContextId, "localContextId");
        Objects.requireNonNull(remoteContextId, "remoteContextId");
        Objects.requireNonNull(sessionKeys, "sessionKeys");
    }

    /** IDs and role; never key material. */
    @Override
    public String toString() {
        return "PrinsContext[role=" + role + ", local=" + localContextId + ", remote=" + remoteContextId + "]";
    }
}
