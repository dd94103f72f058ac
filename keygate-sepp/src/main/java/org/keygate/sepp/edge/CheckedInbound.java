package org.keygate.sepp.edge;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32c.N32fErrorSender;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.keygate.sbi.http.OriginatingNetworkId;

/**
 * The receiving SEPP's checks on every request a partner sent over N32-f (TS 33.501 5.9.3.2, TS 33.517 4.2.2.x), in
 * front of the delivery into this PLMN: the partner's rate, {@code 3gpp-Sbi-Originating-Network-Id} and the PLMN IDs
 * in the message against the context's remote PLMN, then topology hiding undone. A request that fails is dropped:
 * the partner's NF gets the ProblemDetails, and with PRINS the partner SEPP an {@code n32f-error}.
 */
public final class CheckedInbound implements N32fInbound {
    private static final Logger log = LoggerFactory.getLogger(CheckedInbound.class);

    private final N32fInbound next;
    private final PeerRateLimiter rates;
    private final PlmnIdConsistencyCheck plmnIds;
    private final TopologyHiding topology;
    private final InboundTargetCheck targets;
    private final java.util.Set<String> peersWithInboundApis;
    private final N32fErrorSender errors;
    private final EdgeMetrics metrics;
    private final java.util.Set<String> fillOriginatingNetworkId;
    private final MeterRegistry meters;
    /** Requests whose Originating-Network-Id this SEPP filled in for a partner, by peer. */
    public static final String FILLED = "keygate_sepp_originating_network_id_filled_total";

    /**
     * @param targets the producer-side gate, applied to partners named in {@code peersWithInboundApis}; the
     *     others may reach any API of the configured home NFs.
     */
    public CheckedInbound(N32fInbound next, PeerRateLimiter rates, PlmnIdConsistencyCheck plmnIds,
            TopologyHiding topology, InboundTargetCheck targets, java.util.Set<String> peersWithInboundApis,
            N32fErrorSender errors, MeterRegistry meters) {
        this(next, rates, plmnIds, topology, targets, peersWithInboundApis, java.util.Set.of(), errors, meters);
    }

    /**
     * @param fillOriginatingNetworkId partners whose requests without {@code 3gpp-Sbi-Originating-Network-Id} get
     *     it filled from the partner's PLMN (counted in {@value #FILLED}) instead of refused.
     */
    public CheckedInbound(N32fInbound next, PeerRateLimiter rates, PlmnIdConsistencyCheck plmnIds,
            TopologyHiding topology, InboundTargetCheck targets, java.util.Set<String> peersWithInboundApis,
            java.util.Set<String> fillOriginatingNetworkId, N32fErrorSender errors, MeterRegistry meters) {
        this.fillOriginatingNetworkId = java.util.Set.copyOf(fillOriginatingNetworkId);
        this.meters = meters;
        this.next = next;
        this.rates = rates;
        this.plmnIds = plmnIds;
        this.topology = topology;
        this.targets = targets;
        this.peersWithInboundApis = java.util.Set.copyOf(peersWithInboundApis);
        this.errors = errors;
        this.metrics = new EdgeMetrics(meters);
    }

    @Override
    public CompletionStage<ClearResponse> deliver(N32fContext context, ClearRequest request, String messageId) {
        request = filled(context, request);
        // The header checks need only the request line and headers; the body is the already-parsed JSON tree, so
        // nothing here serializes or parses the body again (this runs once per message).
        SbiRequest head = new SbiRequest(request.method(), request.path(), new SbiHeaders(request.headers()),
                new byte[0]);
        var peerPlmns = context.peer().plmnIds();
        String peer = context.peer().name();
        EdgeCheckResult<?> failed = first(
                metrics.record(peer, "rate", rates.check(head, peer)),
                peersWithInboundApis.contains(peer) ? metrics.record(peer, "inbound_target", target(request, peer))
                        : new EdgeCheckResult.Pass<>(request),
                metrics.record(peer, "originating_network_id", OriginatingNetworkIdCheck.check(head, peerPlmns)),
                metrics.record(peer, "plmn_id", plmnIds.check(request.headers(), request.body(), peerPlmns)));
        if (failed instanceof EdgeCheckResult.Fail<?> f) {
            return CompletableFuture.completedFuture(refuse(context, messageId, f));
        }
        if (!rates.enter(peer)) {
            metrics.record(peer, "rate", EdgeCheckResult.fail(EdgeViolation.RATE_LIMITED, "in flight"));
            return CompletableFuture.completedFuture(ClearResponse.problem(SbiCause.NF_CONGESTION_RISK.problem(
                    "too many of this partner's requests are in progress; retry later")));
        }
        ClearRequest recovered = request.withHeaders(topology.recover(head).headers().entries());
        return next.deliver(context, recovered, messageId)
                .whenComplete((r, e) -> rates.leave(peer))
                .thenApply(this::hide);
    }

    /**
     * The request with {@code 3gpp-Sbi-Originating-Network-Id} filled from the partner's PLMN, when the operator
     * chose so for this partner and it sent none: the PLMN of its N32-c certificate when that names one, else its
     * first configured PLMN, with {@code src: SEPP-<its FQDN>} (the partner's SEPP is the source).
     */
    private ClearRequest filled(N32fContext context, ClearRequest request) {
        String peer = context.peer().name();
        if (!fillOriginatingNetworkId.contains(peer)
                || request.headers().stream().anyMatch(e -> e.getKey().equals(OriginatingNetworkId.HEADER))) {
            return request;
        }
        org.keygate.tls.plmn.PlmnId plmn = context.n32cPeerPlmnIds().size() == 1
                ? context.n32cPeerPlmnIds().iterator().next() : context.peer().plmnIds().getFirst();
        java.util.List<java.util.Map.Entry<String, String>> headers = new java.util.ArrayList<>(request.headers());
        headers.add(java.util.Map.entry(OriginatingNetworkId.HEADER,
                OriginatingNetworkId.fromSepp(plmn, context.peer().fqdn()).format()));
        meters.counter(FILLED, "peer", peer).increment();
        // Only a header changes: the body's wire form stays valid.
        return new ClearRequest(request.method(), request.scheme(), request.authority(), request.path(),
                request.query(), headers, request.body(), request.binaryParts(), request.wire());
    }

    private ClearResponse refuse(N32fContext context, String messageId, EdgeCheckResult.Fail<?> f) {
        log.info("N32-f from {}: request dropped by the edge checks: {} ({})", context.peer().name(),
                f.violation().tag(), f.problem().detail());
        if (messageId != null && context.remoteContextId().isPresent() && f.violation() != EdgeViolation.RATE_LIMITED) {
            // TS 33.501 5.9.3.2: discard, and tell the sending SEPP over N32-c.
            N32fErrorInfo info = new N32fErrorInfo(messageId, f.violation().n32fErrorType().name(),
                    context.remoteContextId().get().value(), null, null, null);
            errors.send(context.peer(), info).whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("N32-f: could not report {} to {}: {}", f.violation().tag(), context.peer().name(),
                            e.toString());
                }
            });
        }
        return ClearResponse.problem(f.problem());
    }

    /**
     * Own NF FQDNs in the answer's headers become their pseudonyms before the answer leaves (TS 33.501 5.9.3.2); only
     * headers change, so the body is neither written nor parsed here.
     */
    private ClearResponse hide(ClearResponse response) {
        return switch (topology.hide(new SbiHeaders(response.headers()))) {
            case EdgeCheckResult.Pass<SbiHeaders> p -> response.withHeaders(p.value().entries());
            case EdgeCheckResult.Fail<SbiHeaders> f -> ClearResponse.problem(f.problem());
        };
    }

    private EdgeCheckResult<?> target(ClearRequest request, String peer) {
        return org.keygate.sepp.routing.ApiRoot.parse(request.scheme() + "://" + request.authority())
                .<EdgeCheckResult<?>>map(root -> targets.check(root, request.path(), peer))
                .orElseGet(() -> EdgeCheckResult.fail(EdgeViolation.TARGET_MALFORMED, "the target is not an apiRoot"));
    }

    private static EdgeCheckResult<?> first(EdgeCheckResult<?>... results) {
        for (EdgeCheckResult<?> r : results) {
            if (r instanceof EdgeCheckResult.Fail<?>) {
                return r;
            }
        }
        return null;
    }

}
