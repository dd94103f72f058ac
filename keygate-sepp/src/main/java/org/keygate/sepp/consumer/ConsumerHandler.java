package org.keygate.sepp.consumer;

import org.keygate.sbi.log.PeerValue;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.edge.EdgeCheckResult;
import org.keygate.sepp.edge.OriginatingNetworkIdCheck;
import org.keygate.sepp.edge.TopologyHiding;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.n32f.forward.N32fForwarder;
import org.keygate.sepp.n32f.forward.N32fForwardingException;
import org.keygate.sepp.n32f.forward.TlsModeForwarder;
import org.keygate.n32.n32f.reformat.SbiClearMessages;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.routing.RoutingDecision;
import org.keygate.sepp.routing.SbiRouter;
import org.keygate.sepp.routing.TelescopicMappingHandler;
import org.keygate.tls.plmn.PlmnId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the cSEPP does with each NF request: the telescopic mapping API under {@code /nsepp-telescopic/v1}; anything
 * else is routed, refused (nothing leaves the SEPP) or forwarded: {@code 3gpp-Sbi-Originating-Network-Id} set,
 * own FQDNs hidden, the partner's context established on demand, then TLS mode (the request as is) or PRINS
 * ({@code n32f-process}, the URI rebuilt from the target apiRoot, the header removed). The NF gets the partner's
 * answer unchanged in meaning, or a ProblemDetails saying why there is none.
 */
public final class ConsumerHandler implements SbiHandler {
    private static final Logger log = LoggerFactory.getLogger(ConsumerHandler.class);

    private final SbiRouter router;
    private final TelescopicMappingHandler telescopic;
    private final OriginatingNetworkIdCheck origin;
    private final PlmnId ownPlmn;
    private final TopologyHiding topology;
    private final ContextSource contexts;
    private final N32fForwarder prins;
    private final TlsModeForwarder tls;
    private final MeterRegistry meters;

    /** Gives the partner's usable context, negotiating one when there is none. */
    @FunctionalInterface
    public interface ContextSource {
        CompletableFuture<N32fContext> establishedWith(PeerSepp peer);
    }

    public ConsumerHandler(SbiRouter router, TelescopicMappingHandler telescopic, OriginatingNetworkIdCheck origin,
            PlmnId ownPlmn, TopologyHiding topology, ContextSource contexts, N32fForwarder prins,
            TlsModeForwarder tls, MeterRegistry meters) {
        this.router = router;
        this.telescopic = telescopic;
        this.origin = origin;
        this.ownPlmn = ownPlmn;
        this.topology = topology;
        this.contexts = contexts;
        this.prins = prins;
        this.tls = tls;
        this.meters = meters;
    }

    /** The registry's current context when usable, else a handshake (joined with any running one). */
    public static ContextSource onDemand(N32fContextRegistry registry,
            java.util.function.Function<PeerSepp, CompletableFuture<N32fContext>> establish) {
        return peer -> registry.current(peer.name())
                .filter(c -> c.state() == N32fContextState.ESTABLISHED && !c.isExpired(registry.clock().instant()))
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> establish.apply(peer));
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        if (request.path().startsWith(TelescopicMappingHandler.API_PREFIX + "/")) {
            return telescopic.handle(request, connection);
        }
        RoutingDecision decision = router.route(request);
        if (decision instanceof RoutingDecision.Refuse refuse) {
            log.info("SBI {} from {}: {} {} refused: {} ({})", connection.id(), connection.remoteAddress(),
                    PeerValue.of(request.method()), PeerValue.path(request.pathWithoutQuery()), refuse.reason(),
                    refuse.problem().detail());
            meters.counter("keygate_routing_refusals_total", "reason", refuse.reason().name()).increment();
            return CompletableFuture.completedFuture(refuse.response());
        }
        RoutingDecision.Forward f = (RoutingDecision.Forward) decision;
        EdgeCheckResult<SbiRequest> marked = origin.insert(f.request(), ownPlmn);
        if (marked instanceof EdgeCheckResult.Fail<SbiRequest> fail) {
            return CompletableFuture.completedFuture(fail.response());
        }
        EdgeCheckResult<SbiRequest> hidden = topology.hide(((EdgeCheckResult.Pass<SbiRequest>) marked).value());
        if (hidden instanceof EdgeCheckResult.Fail<SbiRequest> fail) {
            return CompletableFuture.completedFuture(fail.response());
        }
        RoutingDecision.Forward ready = new RoutingDecision.Forward(f.peer(), f.targetPlmn(), f.target(), f.apiName(),
                ((EdgeCheckResult.Pass<SbiRequest>) hidden).value());
        return contexts.establishedWith(f.peer())
                .thenCompose(context -> send(context, ready))
                .exceptionally(failure -> problem(f.peer(), failure));
    }

    private CompletableFuture<SbiResponse> send(N32fContext context, RoutingDecision.Forward f) {
        if (context.capability() == SecurityCapability.TLS) {
            return tls.forward(f.peer(), f.request());
        }
        SbiRequest prinsRequest = f.prinsRequest();
        try {
            var clear = SbiClearMessages.request(prinsRequest, f.target().scheme(), f.target().authority());
            return prins.forward(f.peer(), clear).thenApply(SbiClearMessages::toSbi);
        } catch (UnprotectableMessageException e) {
            return CompletableFuture.failedFuture(new N32fForwardingException(
                    SbiCause.INVALID_MSG_FORMAT.problem(e.getMessage())));
        }
    }

    private static SbiResponse problem(PeerSepp peer, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof N32fForwardingException e) {
            return SbiResponse.problem(e.problem());
        }
        log.info("no N32-f context with {}: {}", peer.name(), cause.toString());
        return SbiResponse.problem(SbiCause.TARGET_NF_NOT_REACHABLE.problem(
                "no N32 security context could be established with the partner's SEPP"));
    }
}
