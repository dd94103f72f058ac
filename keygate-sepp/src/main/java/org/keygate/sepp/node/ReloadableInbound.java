package org.keygate.sepp.node;

import java.util.concurrent.CompletionStage;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;

/**
 * The edge checks and delivery of partners' requests as the running configuration has them: a reload puts the ones
 * the new file makes in place with one write, each request reads them once (one volatile read) and finishes with
 * what it read.
 */
final class ReloadableInbound implements N32fInbound {
    private volatile N32fInbound current;

    ReloadableInbound(N32fInbound first) {
        this.current = first;
    }

    void swap(N32fInbound next) {
        this.current = next;
    }

    @Override
    public CompletionStage<ClearResponse> deliver(N32fContext context, ClearRequest request, String messageId) {
        return current.deliver(context, request, messageId);
    }
}
