package org.keygate.sepp.n32f.forward;

import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Sees PRINS messages exactly as they cross N32-f (already protected: nothing it sees is secret beyond what the wire
 * shows): what this SEPP sends and the answer it gets, and what it receives (after any Roaming Intermediary). For
 * labs and diagnostics; called on the I/O thread, so it must be quick.
 */
public interface N32fWireTap {
    N32fWireTap NONE = new N32fWireTap() {};

    default void sent(PeerSepp peer, N32fReformattedReqMsg request) {}

    default void answered(PeerSepp peer, N32fReformattedRspMsg response) {}

    /** A request from {@code peer}, as it arrived, before verification. */
    default void received(PeerSepp peer, N32fReformattedReqMsg request) {}
}
