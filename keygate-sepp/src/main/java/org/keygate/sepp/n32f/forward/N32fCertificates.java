package org.keygate.sepp.n32f.forward;

import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sbi.client.PeerIdentityException;
import org.keygate.tls.plmn.PeerIdentity;

/** TS 33.501 13.1.2 on the sending side: the partner's N32-f server certificate stays within its N32-c one. */
final class N32fCertificates {
    private N32fCertificates() {}

    /**
     * {@code c}, or closed and refused when its certificate's PLMN IDs exceed what {@code context} admits. A
     * connection to the partner's Roaming Intermediary is the IPX's, checked as such by {@code PeerConnections}.
     */
    static SbiClientConnection within(N32fContext context, SbiClientConnection c) {
        if (context.peer().intermediary().isPresent()) {
            return c;
        }
        if (c.peerCertificates().isEmpty() || !context.admitsN32fCertificatePlmns(
                PeerIdentity.of(c.peerCertificates().getFirst()).plmnIds())) {
            c.close();
            throw new PeerIdentityException("the N32-f server of " + context.peer().name()
                    + " presented PLMN IDs that its N32-c certificate does not carry");
        }
        return c;
    }
}
