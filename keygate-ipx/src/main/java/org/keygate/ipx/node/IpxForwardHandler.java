package org.keygate.ipx.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sbi.log.LogThrottle;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.n32.n32f.N32fForwardApi;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IPX's {@code POST /n32f-forward/v1/n32f-process} and {@code OPTIONS} (TS 29.573 6.2): takes a request from a
 * served SEPP, modifies it where its rules say so ({@link IpxModifier}), forwards it to the SEPP its
 * {@code :authority} names, and relays that SEPP's answer as it came (status, body, content type).
 *
 * <p>Refusals, each logged once at INFO with the connection (never a body) and counted in
 * {@code keygate_ipx_refusals_total{cause}}: a client that is no served SEPP 403 {@value #NOT_A_SERVED_SEPP}
 * (ProblemDetailsMsgForwarding); an authority in no route 404 {@value #NO_ROUTE}; a body that is no
 * N32fReformattedReqMsg 400 INVALID_MSG_FORMAT or MANDATORY_IE_MISSING; a next hop that cannot be reached 504
 * TARGET_NF_NOT_REACHABLE (at once, without a connect, while its {@link NextHopBackoff} is open), or
 * TIMED_OUT_REQUEST when it does not answer in time. Bodies over the listener's
 * limit get 413 before being read.
 */
final class IpxForwardHandler implements SbiHandler {
    static final String NOT_A_SERVED_SEPP = "N32F_PEER_NOT_AUTHORIZED";
    static final String NO_ROUTE = "N32F_ROUTE_NOT_CONFIGURED";
    /** Request headers the next hop gets besides the body (TS 29.573 6.2.3.2.3.1). */
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("content-type", "3gpp-sbi-message-priority");
    /** Answer headers relayed to the sending SEPP (TS 29.573 6.2.3.2.3.1 200 response headers). */
    private static final Set<String> RELAYED_ANSWER_HEADERS = Set.of("content-type", "accept-encoding",
            "content-encoding", "3gpp-sbi-message-priority");
    private static final Logger log = LoggerFactory.getLogger(IpxForwardHandler.class);
    /** One line per refusal flooded the log while a next hop was down (issue 12 item 5); the counters have them all. */
    private final LogThrottle refusals = new LogThrottle(log);

    private final List<ServedSepp> sepps;
    private final NextHops nextHops;
    private final Optional<IpxModifier> modifier;
    private final MeterRegistry meters;
    private final java.time.Duration nextHopTimeout;

    IpxForwardHandler(List<ServedSepp> sepps, NextHops nextHops, Optional<IpxModifier> modifier, MeterRegistry meters,
            java.time.Duration nextHopTimeout) {
        this.nextHopTimeout = nextHopTimeout;
        this.sepps = List.copyOf(sepps);
        this.nextHops = nextHops;
        this.modifier = modifier;
        this.meters = meters;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        if (!N32fForwardApi.PROCESS.equals(request.pathWithoutQuery())) {
            return refuse(connection, SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no N32-f resource here"));
        }
        if ("OPTIONS".equals(request.method())) {
            // TS 29.573 6.2.3.3: the options of the next hop, which is this IPX; it reads JSON, so no content coding.
            return CompletableFuture.completedFuture(
                    new SbiResponse(204, SbiHeaders.of("accept-encoding", "identity"), new byte[0]));
        }
        if (!"POST".equals(request.method())) {
            return refuse(connection, ProblemDetails.of(405, "Method Not Allowed", "METHOD_NOT_ALLOWED",
                    "n32f-process is invoked with POST"));
        }
        Optional<Sender> from = sender(connection.peerCertificates());
        if (from.isEmpty()) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", NOT_A_SERVED_SEPP,
                    "the client certificate belongs to no SEPP this IPX serves nor to an IPX it exchanges with"));
        }
        String authority = request.headers().first("host").orElse(null);
        Optional<ServedSepp> to = nextHops.route(authority);
        if (to.isEmpty()) {
            return refuse(connection, ProblemDetails.of(404, "Not Found", NO_ROUTE,
                    "this IPX has no route to the :authority of the request"));
        }
        if (!request.contentType().map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json")).orElse(false)) {
            return refuse(connection, ProblemDetails.of(415, "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE",
                    "N32fReformattedReqMsg is application/json"));
        }
        if (modifier.isEmpty()) {
            // Nothing to change: the body is checked as tokens and relayed as it came.
            try {
                if (!ReformattedMessageScan.hasReformattedData(request.body())) {
                    return refuse(connection, SbiCause.MANDATORY_IE_MISSING.problem("reformattedData is missing"));
                }
            } catch (SbiJsonException e) {
                return refuse(connection, notAReformattedMessage(e));
            }
            return forward(from.get(), to.get(), authority, request, request.body(), null);
        }
        JsonNode message;
        try {
            message = SbiJson.read(request.body(), JsonNode.class);
        } catch (SbiJsonException e) {
            return refuse(connection, notAReformattedMessage(e));
        }
        if (!(message instanceof ObjectNode object) || !message.path("reformattedData").isObject()) {
            return refuse(connection, SbiCause.MANDATORY_IE_MISSING.problem("reformattedData is missing"));
        }
        IpxModifier.Outcome outcome;
        try {
            outcome = modifier.get().modify(object, request.body(), ModificationRule.Message.REQUEST, null,
                    to.get().ri() && to.get().direct());
        } catch (IllegalArgumentException e) {
            return refuse(connection, SbiCause.INVALID_MSG_FORMAT.problem("cannot be modified: " + e.getMessage()));
        }
        counted(outcome, to.get().name(), ModificationRule.Message.REQUEST);
        return forward(from.get(), to.get(), authority, request, outcome.body(), outcome.line());
    }

    private static ProblemDetails notAReformattedMessage(SbiJsonException e) {
        return SbiCause.INVALID_MSG_FORMAT.problem("not an N32fReformattedReqMsg: " + e.getMessage());
    }

    private void counted(IpxModifier.Outcome outcome, String to, ModificationRule.Message which) {
        if (outcome.signed()) {
            meters.counter("keygate_ipx_modifications_total", "to", to, "patched",
                    String.valueOf(outcome.operations() > 0), "message",
                    which.name().toLowerCase(Locale.ROOT)).increment();
        }
    }

    /**
     * TS 33.501 13.2.4.5.2: an answer is modified on its way back as a request is, the answering SEPP's RI first;
     * this IPX signs it as {@link IpxModifier} says, as second RI when the client it goes back to is a SEPP whose RI
     * it is. An answer it cannot read or sign goes back as it came: the receiving SEPP judges it.
     */
    private byte[] answerBody(Sender to, SbiResponse answer, IpxModifier.RequestLine line) {
        if (modifier.isEmpty() || answer.status() != 200
                || !answer.contentType().map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/json"))
                        .orElse(false)) {
            return answer.body();
        }
        try {
            JsonNode message = SbiJson.read(answer.body(), JsonNode.class);
            if (!(message instanceof ObjectNode object) || !message.path("reformattedData").isObject()) {
                return answer.body();
            }
            IpxModifier.Outcome outcome = modifier.get().modify(object, answer.body(), ModificationRule.Message.ANSWER,
                    line, to.sepp().map(ServedSepp::ri).orElse(false));
            counted(outcome, to.name(), ModificationRule.Message.ANSWER);
            return outcome.body();
        } catch (SbiJsonException | IllegalArgumentException e) {
            refusals.info("answer " + to.name(), "IPX: the answer to {} is relayed unsigned: {}", to.name(),
                    e.getMessage());
            return answer.body();
        }
    }

    private CompletionStage<SbiResponse> forward(Sender from, ServedSepp to, String authority, SbiRequest request,
            byte[] body, IpxModifier.RequestLine line) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        request.headers().entries().stream().filter(h -> FORWARDED_REQUEST_HEADERS.contains(h.getKey()))
                .forEach(headers::add);
        SbiRequest out = new SbiRequest("POST", N32fForwardApi.PROCESS, new SbiHeaders(headers), body);
        // The next hop is told how long the IPX waits (3gpp-Sbi-Max-Rsp-Time, less a margin: SbiCall.nextHopMillis),
        // bounded by what the sending SEPP said it waits: a home SEPP whose NF hangs then answers TIMED_OUT_REQUEST
        // about its NF before the IPX gives up on the home SEPP (issue 12 item 7).
        SbiCall inbound = SbiCall.current();
        SbiCall hop = inbound == null ? SbiCall.within(nextHopTimeout) : inbound.forNextHop(nextHopTimeout);
        return hop.bind(() -> nextHops.exchange(to, (SbiClientConnection c) -> c.send(out, authority, "https")))
                .handle((answer, failure) -> {
                    hop.finish();
                    if (failure != null) {
                        return unreachable(from, to, failure);
                    }
                    meters.counter("keygate_ipx_messages_total", "from", from.name(), "to", to.name(), "status",
                            String.valueOf(answer.status())).increment();
                    List<Map.Entry<String, String>> relayed = new ArrayList<>();
                    answer.headers().entries().stream().filter(h -> RELAYED_ANSWER_HEADERS.contains(h.getKey()))
                            .forEach(relayed::add);
                    return new SbiResponse(answer.status(), new SbiHeaders(relayed), answerBody(from, answer, line));
                });
    }

    /** The connection is not dropped here: one timed-out stream says nothing of the others; a closed one is reopened. */
    private SbiResponse unreachable(Sender from, ServedSepp to, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        ProblemDetails p = switch (cause) {
            case TimeoutException t ->
                    SbiCause.TIMED_OUT_REQUEST.problem("SEPP " + to.name() + " did not answer in time");
            case NextHopBackingOff b -> SbiCause.TARGET_NF_NOT_REACHABLE.problem(b.detail());
            // The failure names the SEPP's address, which the IPX does not tell the sending operator (topology of
            // the receiving side): the address and the reason go to the IPX's log below.
            default -> SbiCause.TARGET_NF_NOT_REACHABLE.problem("SEPP " + to.name() + " could not be reached");
        };
        refusals.info(to.name() + " " + p.cause(), "IPX: n32f-process from {} to {} failed: {} ({})", from.name(),
                to.name(), p.cause(),
                cause.toString());
        meters.counter("keygate_ipx_refusals_total", "cause", p.cause()).increment();
        return SbiResponse.problem(p);
    }

    /**
     * Who sent a request: a served SEPP, or another operator's IPX this one exchanges with.
     *
     * @param name for metrics and logs: the SEPP's name, or {@code ipx:<fqdn>}
     * @param sepp the SEPP when it is one (the answer goes back to it directly)
     */
    record Sender(String name, Optional<ServedSepp> sepp) {}

    /**
     * The served SEPP whose PLMN IDs include every PLMN ID of the client certificate, if exactly one does; for a
     * certificate without PLMN ID, the IPX of a route's {@code via} it is (TS 33.501 13.2.4.5.2: the cIPX passes
     * the partner's traffic to the pIPX).
     */
    private Optional<Sender> sender(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Set<PlmnId> plmns = PeerIdentity.of(chain.getFirst()).plmnIds();
        if (plmns.isEmpty()) {
            return sepps.stream().flatMap(s -> s.nextHop().flatMap(ServedSepp.NextHop::via).stream())
                    .filter(i -> i.presented(chain)).findFirst()
                    .map(i -> new Sender("ipx:" + i.fqdn(), Optional.empty()));
        }
        List<ServedSepp> matches = sepps.stream().filter(s -> s.plmnIds().containsAll(plmns)).toList();
        return matches.size() == 1 ? Optional.of(new Sender(matches.getFirst().name(), Optional.of(matches.getFirst())))
                : Optional.empty();
    }

    private CompletionStage<SbiResponse> refuse(SbiConnection connection, ProblemDetails p) {
        refusals.info(String.valueOf(p.cause()), "IPX {} from {}: n32f-process refused: {} {} ({})", connection.id(),
                connection.remoteAddress(),
                p.status(), p.cause(), p.detail());
        meters.counter("keygate_ipx_refusals_total", "cause", String.valueOf(p.cause())).increment();
        return CompletableFuture.completedFuture(SbiResponse.problem(p));
    }
}
