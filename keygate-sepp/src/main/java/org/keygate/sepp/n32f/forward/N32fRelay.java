package org.keygate.sepp.n32f.forward;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;

/**
 * Where {@link N32fProcessHandler} sends an n32f-process message whose context this SEPP does not hold: in a SEPP run
 * as several instances (docs/CLUSTER.md), to the instance that owns it, whose answer goes back to the partner as it
 * is. Keys never leave their instance, so the owner alone decrypts and answers, with its own SEQ counters.
 */
@FunctionalInterface
public interface N32fRelay {
    /** A SEPP that runs alone: nothing is relayed, an unknown context is CONTEXT_NOT_FOUND. */
    N32fRelay NONE = (id, request, from) -> Optional.empty();

    /**
     * The owner's answer to {@code request}, or empty when no other live instance owns context {@code id} (the
     * caller then answers CONTEXT_NOT_FOUND). {@code from} is the partner's connection, whose certificate the owner
     * checks as if the partner had reached it directly.
     */
    Optional<CompletionStage<SbiResponse>> relay(N32fContextId id, SbiRequest request, SbiConnection from);

    /**
     * The owner's answer to {@code request}, or {@code unknown}'s when no other live instance owns context {@code id}.
     * A relay may look further than {@link #relay} before giving up (a cluster's instance asks etcd itself about an ID
     * its copy of the directory lacks: a context negotiated through another instance moments ago).
     */
    default CompletionStage<SbiResponse> relayOr(N32fContextId id, SbiRequest request, SbiConnection from,
            Supplier<CompletionStage<SbiResponse>> unknown) {
        return relay(id, request, from).orElseGet(unknown);
    }
}
