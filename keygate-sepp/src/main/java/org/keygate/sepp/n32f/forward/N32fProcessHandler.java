package org.keygate.sepp.n32f.forward;

import org.keygate.sbi.log.PeerValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.n32c.N32fErrorSender;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32f.N32fForwardApi;
import org.keygate.n32.n32f.N32fErrorType;
import org.keygate.n32.n32f.N32fException;
import org.keygate.n32.n32f.model.MetaData;
import org.keygate.n32.n32f.model.N32fMessageJson;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.prins.N32fProtector.Unprotected;
import org.keygate.n32.n32f.prins.ReceivedAad;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving SEPP's {@code POST /n32f-forward/v1/n32f-process} (TS 29.573 6.2) and its {@code OPTIONS}: finds
 * the N32-f context named in metaData, checks that the TLS peer is that context's partner or the Roaming
 * Intermediary configured for it ({@link org.keygate.sepp.peer.RoamingIntermediary}), verifies, decrypts and
 * rebuilds the request (applying verified RI modifications), hands it to {@link N32fInbound}, and protects the answer
 * with the same context.
 *
 * <p>A message that fails verification is answered 403 with a ProblemDetailsMsgForwarding whose {@code cause} is
 * the TS 29.573 N32fErrorType, and reported to the peer with {@code n32f-error} over N32-c (TS 29.573 6.1.4.3.2;
 * the responder uses its reverse N32-c connection). Each refusal is logged once at INFO; bodies never are.
 */
public final class N32fProcessHandler implements SbiHandler {
    /** {@link N32fForwardApi}'s, the paths this handler serves (the IPX node serves them too). */
    public static final String API_PREFIX = N32fForwardApi.API_PREFIX;
    public static final String PROCESS = N32fForwardApi.PROCESS;

    private static final Logger log = LoggerFactory.getLogger(N32fProcessHandler.class);
    /** One line per refusal would flood the log under attack (issue 12 item 5); the counter has them all. */
    private final org.keygate.sbi.log.LogThrottle refusals = new org.keygate.sbi.log.LogThrottle(log);

    private final PrinsSessions sessions;
    private final PeerDirectory peers;
    private final N32fInbound inbound;
    private final N32fErrorSender errors;
    private final MeterRegistry meters;
    private final N32fMessageCounters messages;
    private volatile N32fWireTap tap = N32fWireTap.NONE;
    private volatile N32fRelay relay = N32fRelay.NONE;

    public N32fProcessHandler(PrinsSessions sessions, PeerDirectory peers, N32fInbound inbound,
            N32fErrorSender errors, MeterRegistry meters) {
        this.sessions = sessions;
        this.peers = peers;
        this.inbound = inbound;
        this.errors = errors;
        this.meters = meters;
        this.messages = new N32fMessageCounters(meters);
    }

    /** Shows every request received to {@code tap} from now on. */
    public void tap(N32fWireTap tap) {
        this.tap = java.util.Objects.requireNonNull(tap, "tap");
    }

    /** Sends messages for contexts this SEPP does not hold to {@code relay} (a cluster's owning instance). */
    public void relayUnknownContexts(N32fRelay relay) {
        this.relay = java.util.Objects.requireNonNull(relay, "relay");
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        if (!PROCESS.equals(request.pathWithoutQuery())) {
            return refuse(connection, SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no N32-f resource here"));
        }
        if ("OPTIONS".equals(request.method())) {
            // TS 29.573 6.2.3.3: what the next hop accepts; keygate takes no content coding.
            return done(new SbiResponse(204, SbiHeaders.of("accept-encoding", "identity"), new byte[0]));
        }
        if (!"POST".equals(request.method())) {
            return refuse(connection, ProblemDetails.of(405, "Method Not Allowed", "METHOD_NOT_ALLOWED",
                    "n32f-process is invoked with POST"));
        }
        List<PeerSepp> speaksFor = partnersOf(connection);
        if (speaksFor.isEmpty()) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "the N32-f client certificate belongs to no configured roaming partner or its Roaming Intermediary"));
        }
        if (!request.contentType().map(t -> t.toLowerCase(java.util.Locale.ROOT).startsWith("application/json"))
                .orElse(false)) {
            return refuse(connection, ProblemDetails.of(415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE",
                    "N32fReformattedReqMsg is application/json"));
        }
        N32fReformattedReqMsg message;
        try {
            message = N32fMessageJson.readRequest(request.body());
        } catch (SbiJsonException e) {
            return refuse(connection, SbiCause.INVALID_MSG_FORMAT.problem("not an N32fReformattedReqMsg: "
                    + e.getMessage()));
        }
        if (message == null || message.reformattedData() == null) {
            return refuse(connection, SbiCause.MANDATORY_IE_MISSING.problem("reformattedData is missing"));
        }
        Optional<ReceivedAad> aad;
        try {
            aad = ReceivedAad.read(message.reformattedData());
        } catch (N32fException e) {
            // An aad past the parser's limits: no context to report through, and none to end: the partner's context
            // is not at fault (issue 12 item 7).
            return refuse(connection, forbidden(e));
        }
        Optional<MetaData> meta = aad.map(ReceivedAad::metaData);
        if (meta.isEmpty()) {
            // TS 29.573 N32fErrorType: a JWE that cannot be read is DECIPHERING_FAILED; neither the message nor the
            // context can be named (N32fErrorInfo's n32fMessageId is mandatory: "unknown").
            N32fException e = new N32fException(N32fErrorType.DECIPHERING_FAILED,
                    "the JWE's aad is not a base64url JSON object");
            if (speaksFor.size() == 1) {
                report(speaksFor.getFirst(), null, null, e);
            }
            return refuse(connection, forbidden(e));
        }
        // The context named in metaData must be one of a partner this client may speak for: the partner itself, or
        // the Roaming Intermediary configured for it (TS 33.501 13.2.4.2, 13.2.4.7).
        Optional<PrinsSession> session = meta.filter(m -> m.n32fContextId() != null)
                .flatMap(m -> contextId(m.n32fContextId()))
                .flatMap(sessions::byLocalId)
                .filter(s -> speaksFor.stream().anyMatch(p -> p.name().equals(s.context().peer().name())));
        String messageId = meta.map(MetaData::messageId).orElse(null);
        Optional<N32fContextId> named = meta.map(MetaData::n32fContextId).flatMap(N32fProcessHandler::contextId);
        if (session.isEmpty() && named.isPresent() && sessions.byLocalId(named.get()).isEmpty()) {
            // Another instance of this SEPP may own it (docs/CLUSTER.md): it alone holds the keys.
            return relay.relayOr(named.get(), request, connection,
                    () -> contextNotFound(speaksFor, meta.get(), messageId, connection));
        }
        if (session.isEmpty()) {
            return contextNotFound(speaksFor, meta.get(), messageId, connection);
        }
        PrinsSession s = session.get();
        PeerSepp peer = s.context().peer();
        tap.received(peer, message);
        // TS 33.501 13.1.2: the partner's own N32-f certificate stays within its N32-c one (an IPX's has no PLMN ID).
        var certPlmns = org.keygate.tls.plmn.PeerIdentity.of(connection.peerCertificates().getFirst()).plmnIds();
        if (!certPlmns.isEmpty() && !s.context().admitsN32fCertificatePlmns(certPlmns)) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "the N32-f certificate carries PLMN IDs that the partner's N32-c certificate does not"));
        }
        Unprotected<ClearRequest> clear;
        try {
            clear = s.protector().unprotectRequest(message, aad.get());
        } catch (N32fException e) {
            report(peer, s.context().remoteContextId().orElseThrow().value(), messageId, e);
            return refuse(connection, forbidden(e));
        }
        messages.received(peer.name());
        ClearRequest rebuilt = clear.message();
        return inbound.deliver(s.context(), rebuilt, clear.messageId())
                .exceptionally(failure -> systemFailure(rebuilt, failure))
                .thenApply(answer -> protect(s, rebuilt, answer, clear.messageId(),
                        answeringRi(peer, certPlmns.isEmpty() ? connection.peerCertificates() : List.of())));
    }

    /**
     * TS 33.501 13.2.4.3.1.2, 13.2.4.5.2: the answer's authorizedIpxId is its first hop, this SEPP's own RI, when
     * the request came from that RI (the answer goes back the way it came) and this SEPP authorizes it; else NULL.
     */
    private static String answeringRi(PeerSepp peer, List<java.security.cert.X509Certificate> client) {
        return peer.intermediary().filter(i -> i.authorized() && i.presented(client))
                .map(i -> i.providerId()).orElse(MetaData.NO_IPX);
    }

    private SbiResponse protect(PrinsSession s, ClearRequest request, ClearResponse answer, String messageId,
            String authorizedIpxId) {
        try {
            return SbiResponse.json(200, s.protector().protectResponseJson(answer,
                    s.planner().forResponse(request, answer), messageId, authorizedIpxId));
        } catch (UnprotectableMessageException e) {
            log.warn("N32-f: the answer to {} {} cannot be protected ({}); answering 500 instead", PeerValue.of(request.method()),
                    PeerValue.path(request.path()), e.getMessage());
            try {
                ClearResponse failure =
                        ClearResponse.problem(SbiCause.SYSTEM_FAILURE.problem("the answer could not be protected"));
                return SbiResponse.json(200, s.protector().protectResponseJson(failure,
                        s.planner().forResponse(request, failure), messageId, authorizedIpxId));
            } catch (UnprotectableMessageException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private ClearResponse systemFailure(ClearRequest request, Throwable failure) {
        log.warn("N32-f: delivering {} {} failed: {}", PeerValue.of(request.method()), PeerValue.path(request.path()),
                failure.toString());
        return ClearResponse.problem(SbiCause.SYSTEM_FAILURE.problem("the request could not be delivered"));
    }


    /** No context of this SEPP (nor, in a cluster, of another live instance) has the ID the message names. */
    private CompletionStage<SbiResponse> contextNotFound(List<PeerSepp> speaksFor, MetaData meta, String messageId,
            SbiConnection connection) {
        String names = String.join(", ", speaksFor.stream().map(PeerSepp::name).toList());
        N32fException e = new N32fException(N32fErrorType.CONTEXT_NOT_FOUND, meta.n32fContextId() == null
                ? "metaData names no N32-f context" : "no established PRINS context of " + names
                + " has the ID in metaData");
        // Report with the ID the message named, the only one both ends may know; an intermediary serving several
        // partners leaves no single partner to tell.
        if (speaksFor.size() == 1) {
            report(speaksFor.getFirst(), meta.n32fContextId(), messageId, e);
        }
        return refuse(connection, forbidden(e));
    }

    private void report(PeerSepp peer, String peerContextId, String messageId, N32fException e) {
        List<N32fErrorInfo.N32fErrorDetail> details = e.failureReason() == null ? null
                : List.of(new N32fErrorInfo.N32fErrorDetail(null, e.failureReason()));
        N32fErrorInfo info = new N32fErrorInfo(messageId == null ? "unknown" : messageId, e.type().name(),
                peerContextId, null, details, null);
        errors.send(peer, info).whenComplete((ok, failure) -> {
            if (failure != null) {
                refusals.warn("report " + e.type(), "N32-f: could not report {} to {}: {}", e.type(), peer.name(),
                        failure.toString());
            }
        });
    }

    /** The partner whose certificate the client presented, else the partners whose Roaming Intermediary it is. */
    private List<PeerSepp> partnersOf(SbiConnection connection) {
        List<X509Certificate> chain = connection.peerCertificates();
        if (chain.isEmpty()) {
            return List.of();
        }
        return peers.byCertificate(chain.getFirst()).map(List::of).orElseGet(() -> peers.byIntermediary(chain));
    }

    private static Optional<N32fContextId> contextId(String text) {
        try {
            return Optional.of(N32fContextId.parse(text.toLowerCase(java.util.Locale.ROOT)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ProblemDetails forbidden(N32fException e) {
        return ProblemDetails.of(403, "Forbidden", e.type().name(), e.getMessage());
    }

    private CompletionStage<SbiResponse> refuse(SbiConnection connection, ProblemDetails p) {
        refusals.info(String.valueOf(p.cause()), "N32-f {} from {}: n32f-process refused: {} {} ({})", connection.id(),
                connection.remoteAddress(),
                p.status(), p.cause(), p.detail());
        meters.counter("keygate_n32f_rejections_total", "cause", String.valueOf(p.cause())).increment();
        return done(SbiResponse.problem(p));
    }

    private static CompletionStage<SbiResponse> done(SbiResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
