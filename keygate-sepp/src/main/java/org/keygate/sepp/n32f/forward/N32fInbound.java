package org.keygate.sepp.n32f.forward;

import java.util.concurrent.CompletionStage;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;

/**
 * Where a verified, rebuilt request from a peer SEPP goes: into this PLMN (the producer-side SEPP forwards it to
 * the target NF). The answer, or a ProblemDetails response for an NF that did not answer, goes back protected.
 * Called on a Netty event loop: return a stage, do not block.
 */
@FunctionalInterface
public interface N32fInbound {
    /** @param messageId the PRINS metaData messageId; null for N32-f in TLS mode, which has none. */
    CompletionStage<ClearResponse> deliver(N32fContext context, ClearRequest request, String messageId);
}
