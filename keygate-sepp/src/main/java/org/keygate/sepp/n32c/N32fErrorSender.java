package org.keygate.sepp.n32c;

import java.util.concurrent.CompletionStage;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Sends n32f-error to a peer SEPP over this SEPP's outbound N32-c connection to it: the first N32-c connection
 * when this SEPP initiated, otherwise the second one it opens without renegotiating (TS 33.501 13.2.2.2 step 5).
 */
@FunctionalInterface
public interface N32fErrorSender {
    CompletionStage<Void> send(PeerSepp peer, N32fErrorInfo error);
}
