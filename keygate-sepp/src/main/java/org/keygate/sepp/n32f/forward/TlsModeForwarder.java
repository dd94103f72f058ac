package org.keygate.sepp.n32f.forward;

import org.keygate.sbi.log.PeerValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.peer.AnnouncedN32f;
import org.keygate.sepp.peer.PeerConnections;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending SEPP's N32-f in TLS mode (TS 33.501 13.1.1.2): the NF's request as it is, {@code :authority} the
 * receiving SEPP's FQDN, {@code 3gpp-Sbi-Target-apiRoot} kept, over this SEPP's N32-f connection to the partner (to
 * the address the partner announced for the agreement in exchange-capability, if it did: {@link AnnouncedN32f}). The
 * answer comes back unchanged; an unreachable partner fails with {@link N32fForwardingException} (504).
 */
public final class TlsModeForwarder {
    private static final Logger log = LoggerFactory.getLogger(TlsModeForwarder.class);

    private final PeerConnections connections;
    private final N32fContextRegistry contexts;
    private final MeterRegistry meters;
    private final N32fMessageCounters messages;

    public TlsModeForwarder(PeerConnections connections, N32fContextRegistry contexts, MeterRegistry meters) {
        this.connections = connections;
        this.contexts = contexts;
        this.meters = meters;
        this.messages = new N32fMessageCounters(meters);
    }

    public CompletableFuture<SbiResponse> forward(PeerSepp peer, SbiRequest request) {
        var context = contexts.current(peer.name());
        // The address the partner announced for this agreement (a SEPP cluster's instance, docs/CLUSTER.md), as in
        // PRINS; through a Roaming Intermediary, which routes by the authority, the configured one stays.
        var to = context.flatMap(N32fContext::peerN32f).filter(a -> peer.intermediary().isEmpty());
        String authority = to.map(AnnouncedN32f::authority).orElseGet(
                () -> peer.fqdn() + peer.n32fAddress().map(a -> ":" + a.getPort()).orElse(""));
        messages.sent(peer.name());
        return connections.exchange(peer, to, c -> context
                        .map(ctx -> N32fCertificates.within(ctx, c)).orElse(c).send(request, authority, "https"))
                .thenApply(answer -> {
                    if (answer.status() == 403 && answer.contentType().map(t -> t.contains("problem+json")).orElse(false)
                            && new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)
                                    .contains(TlsModeHandler.NOT_ESTABLISHED)) {
                        // The partner has no TLS-mode context with us (e.g. it restarted): negotiate anew next time.
                        log.warn("N32-f (TLS) to {}: the partner has no context with us, ending ours", peer.name());
                        contexts.current(peer.name()).ifPresent(
                                c -> contexts.end(c, org.keygate.sepp.context.N32fContextState.FAILED));
                    }
                    return answer;
                })
                .exceptionally(failure -> {
                    log.info("N32-f (TLS) to {}: {} {} not delivered: {}", peer.name(),
                            PeerValue.of(request.method()), PeerValue.path(request.pathWithoutQuery()), failure.toString());
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    // A hop that did not answer in time was reached: say so (issue 12 item 7).
                    throw new CompletionException(new N32fForwardingException(
                            cause instanceof java.util.concurrent.TimeoutException
                                    ? SbiCause.TIMED_OUT_REQUEST.problem("the peer SEPP " + peer.name()
                                            + " did not answer in time")
                                    : SbiCause.TARGET_NF_NOT_REACHABLE.problem("the peer SEPP " + peer.name()
                                            + " could not be reached: " + cause.getMessage())));
                });
    }
}
