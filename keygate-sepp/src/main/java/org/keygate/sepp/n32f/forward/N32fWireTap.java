package org.keygate.sepp.n32f.forward;

import org.keygate.sepp.n32f.model.N32fReformattedReqMsg;
import org.keygate.sepp.n32f.model.N32fReformattedRspMsg;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Sees each PRINS message this SEPP sends and the answer it gets, exactly as they cross N32-f (already protected:
 * nothing it sees is secret beyond what the wire shows). For labs and diagnostics; called on the I/O thread, so it
 * must be quick.
 */
public interface N32fWireTap {
    N32fWireTap NONE = new N32fWireTap() {
        @Override
        public void sent(PeerSepp peer, N32fReformattedReqMsg request) {}

        @Override
        public void answered(PeerSepp peer, N32fReformattedRspMsg response) {}
    };

    void sent(PeerSepp peer, N32fReformattedReqMsg request);

    void answered(PeerSepp peer, N32fReformattedRspMsg response);
}
