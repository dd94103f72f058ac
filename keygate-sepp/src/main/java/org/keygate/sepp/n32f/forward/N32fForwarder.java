package org.keygate.sepp.n32f.forward;

import org.keygate.sbi.log.PeerValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;
import org.keygate.sepp.peer.PeerConnections;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending SEPP's side of {@code n32f-process}: protects a clear request with the peer's current PRINS context,
 * POSTs it over this SEPP's N32-f connection to the peer (the parallel HTTP session when this SEPP initiated
 * N32-c, the reverse one otherwise: the keys follow the context's role), verifies and rebuilds the answer.
 *
 * <p>Failures complete the future with {@link N32fForwardingException}: no context (503), a message that cannot be
 * protected (400), the peer unreachable (504), the peer refusing (its status with its cause), an answer that fails
 * verification (502). Nothing hangs: the SBI client bounds every exchange.
 */
public final class N32fForwarder {
    private static final Logger log = LoggerFactory.getLogger(N32fForwarder.class);

    private final PrinsSessions sessions;
    private final PeerConnections connections;
    private final MeterRegistry meters;
    private final N32fMessageCounters messages;
    private volatile N32fWireTap tap = N32fWireTap.NONE;
    private volatile java.util.function.Function<PeerSepp, CompletableFuture<?>> renegotiate;

    public N32fForwarder(PrinsSessions sessions, PeerConnections connections, MeterRegistry meters) {
        this.sessions = sessions;
        this.connections = connections;
        this.meters = meters;
        this.messages = new N32fMessageCounters(meters);
    }

    /**
     * Through the partner's Roaming Intermediary when it has one; {@code authorizedIpxId} names that intermediary
     * when it is {@link org.keygate.sepp.peer.RoamingIntermediary#authorized} (TS 33.501 13.2.4.3.1.2), else "NULL".
     */
    public CompletableFuture<ClearResponse> forward(PeerSepp peer, ClearRequest request) {
        return forward(peer, request, peer.intermediary().filter(i -> i.authorized())
                .map(i -> i.providerId()).orElse(MetaData.NO_IPX));
    }

    /** Shows every message sent and answer received to {@code tap} from now on. */
    public void tap(N32fWireTap tap) {
        this.tap = java.util.Objects.requireNonNull(tap, "tap");
    }

    /**
     * With {@code how}, a request the partner refuses with CONTEXT_NOT_FOUND (it did not process it: it no longer
     * knows the context, e.g. after a restart) is sent once more on a context {@code how} negotiates, instead of
     * passing the 403 to the NF.
     */
    public void renegotiateWith(java.util.function.Function<PeerSepp, CompletableFuture<?>> how) {
        this.renegotiate = how;
    }

    /** With {@code authorizedIpxId} the RI this SEPP lets modify the request (TS 33.501 13.2.4.3.1.2). */
    public CompletableFuture<ClearResponse> forward(PeerSepp peer, ClearRequest request, String authorizedIpxId) {
        var how = renegotiate;
        CompletableFuture<ClearResponse> first = forwardOnce(peer, request, authorizedIpxId);
        if (how == null) {
            return first;
        }
        return first.handle((answer, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(answer);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof N32fForwardingException f && f.problem().status() == 403
                    && N32fErrorType.CONTEXT_NOT_FOUND.name().equals(f.problem().cause())) {
                log.info("N32-f to {}: renegotiating and sending {} {} once more (the partner did not process it)",
                        peer.name(), request.method(), request.path());
                meters.counter("keygate_n32f_resends_total", "peer", peer.name()).increment();
                // A failed renegotiation gives the NF the partner's refusal, not the handshake's internals.
                return how.apply(peer).handle((c, e) -> e == null ? forwardOnce(peer, request, authorizedIpxId)
                        : CompletableFuture.<ClearResponse>failedFuture(cause)).thenCompose(next -> next);
            }
            return CompletableFuture.<ClearResponse>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<ClearResponse> forwardOnce(PeerSepp peer, ClearRequest request, String authorizedIpxId) {
        PrinsSession s = sessions.forPeer(peer.name()).orElse(null);
        if (s == null) {
            return failed(ProblemDetails.of(503, "Service Unavailable", "N32F_CONTEXT_NOT_ESTABLISHED",
                    "no established PRINS context with " + peer.name()));
        }
        String messageId = s.nextMessageId();
        byte[] message;
        try {
            message = s.protector().protectRequestJson(request, s.planner().forRequest(request), messageId,
                    authorizedIpxId);
        } catch (UnprotectableMessageException e) {
            return failed(SbiCause.INVALID_MSG_FORMAT.problem(e.getMessage()));
        }
        N32fWireTap t = tap;
        if (t != N32fWireTap.NONE) { // read back only for a tap: the message goes out as the octets written
            t.sent(peer, N32fMessageJson.readRequest(message));
        }
        SbiRequest post = SbiRequest.json("POST", N32fProcessHandler.PROCESS, message);
        // The context's announced N32-f address, if its partner gave one (a SEPP cluster's instance: docs/CLUSTER.md);
        // through a Roaming Intermediary, which routes by the authority, the configured one stays.
        var to = s.context().peerN32f().filter(a -> peer.intermediary().isEmpty());
        String authority = to.map(a -> a.authority()).orElseGet(
                () -> peer.fqdn() + ":" + peer.n32fAddress().map(a -> a.getPort()).orElse(443));
        messages.sent(peer.name());
        return connections.exchange(peer, to,
                        c -> N32fCertificates.within(s.context(), c).send(post, authority, "https"))
                .handle((answer, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        log.info("N32-f to {}: {} {} not delivered: {}", peer.name(),
                                PeerValue.of(request.method()), PeerValue.path(request.path()), cause.toString());
                        String hop = peer.intermediary().map(i -> "the Roaming Intermediary " + i.providerId()
                                + " of peer " + peer.name()).orElse("the peer SEPP " + peer.name());
                        // A hop that did not answer in time was reached: say so (issue 12 item 7).
                        throw new CompletionException(new N32fForwardingException(
                                cause instanceof java.util.concurrent.TimeoutException
                                        ? SbiCause.TIMED_OUT_REQUEST.problem(hop + " did not answer in time")
                                        : SbiCause.TARGET_NF_NOT_REACHABLE.problem(hop + " could not be reached: "
                                                + cause.getMessage())));
                    }
                    return answer(s, peer, answer, messageId);
                });
    }

    private ClearResponse answer(PrinsSession s, PeerSepp peer, SbiResponse answer, String messageId) {
        if (answer.status() != 200) {
            ProblemDetails p = peerProblem(answer);
            log.info("N32-f to {}: refused with {} {} ({})", peer.name(), answer.status(), PeerValue.of(p.cause()),
                    PeerValue.of(p.detail()));
            if (answer.status() == 403 && N32fErrorType.CONTEXT_NOT_FOUND.name().equals(p.cause())) {
                log.warn("N32-f context {} with {}: the partner no longer knows it, ending it",
                        s.context().localContextId().orElseThrow(), peer.name());
                sessions.lost(s);
            }
            throw new CompletionException(new N32fForwardingException(p));
        }
        try {
            N32fReformattedRspMsg msg = N32fMessageJson.readResponse(answer.body());
            if (msg == null) {
                throw new N32fException(N32fErrorType.DECIPHERING_FAILED, "an empty answer");
            }
            tap.answered(peer, msg);
            return s.protector().unprotectResponse(msg, messageId).message();
        } catch (SbiJsonException | N32fException e) {
            log.warn("N32-f from {}: an answer failed verification: {}", peer.name(), e.getMessage());
            meters.counter("keygate_n32f_rejections_total", "cause", "ANSWER_VERIFICATION_FAILED").increment();
            throw new CompletionException(new N32fForwardingException(ProblemDetails.of(502, "Bad Gateway",
                    "N32F_ANSWER_VERIFICATION_FAILED", "the peer SEPP's answer failed verification")));
        }
    }

    /** The peer's ProblemDetails, with its status; one of ours when it sent none. */
    private static ProblemDetails peerProblem(SbiResponse answer) {
        try {
            ProblemDetails p = SbiJson.read(answer.body(), ProblemDetails.class);
            if (p != null && p.cause() != null) {
                return ProblemDetails.of(answer.status(), p.title(), p.cause(), p.detail());
            }
        } catch (SbiJsonException e) {
            // fall through
        }
        return ProblemDetails.of(502, "Bad Gateway", "N32F_PEER_ERROR", "the peer SEPP answered " + answer.status());
    }

    private static CompletableFuture<ClearResponse> failed(ProblemDetails p) {
        return CompletableFuture.failedFuture(new N32fForwardingException(p));
    }
}
