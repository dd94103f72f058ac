package org.keygate.sepp.n32c.server;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.n32c.N32cCauses;
import org.keygate.sepp.n32c.N32cConnectionFacts;
import org.keygate.sepp.n32c.N32cRejection;
import org.keygate.sepp.n32c.N32cService;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.sepp.n32f.forward.N32fRelay;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.exporter.TlsExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The N32-c server's HTTP face: routes the four TS 29.573 operations under {@code /n32c-handshake/v1}, decodes
 * and checks each body with {@link N32cRequestDecoder}, ties the connection to a configured partner by its
 * certificate, and turns {@link N32cRejection}s into ProblemDetails. The protocol itself is in
 * {@link N32cService}.
 *
 * <p>Every refusal is logged once, at INFO, with connection, peer, operation, status and cause; bodies are never
 * logged.
 */
public final class N32cServerHandler implements SbiHandler {
    /** TS 29.573 6.1.1: apiRoot/n32c-handshake/v1. */
    public static final String API_PREFIX = "/n32c-handshake/v1";

    private static final Logger log = LoggerFactory.getLogger(N32cServerHandler.class);

    private final N32cService service;
    private final PeerDirectory peers;
    private final MeterRegistry meters;
    private final Map<String, Operation<?>> operations;
    private final Map<String, Boolean> watchedConnections = new ConcurrentHashMap<>();
    private volatile N32fRelay relay = N32fRelay.NONE;

    public N32cServerHandler(N32cService service, PeerDirectory peers, MeterRegistry meters) {
        this.service = service;
        this.peers = peers;
        this.meters = meters;
        this.operations = Map.of(
                API_PREFIX + "/exchange-capability", new Operation<>("exchange-capability",
                        SecNegotiateReqData.class, (c, r) -> SbiResponse.json(200, SbiJson.write(
                                service.exchangeCapability(c, r)))),
                API_PREFIX + "/exchange-params", new Operation<>("exchange-params",
                        SecParamExchReqData.class, (c, r) -> SbiResponse.json(200, SbiJson.write(
                                service.exchangeParams(c, r)))),
                API_PREFIX + "/n32f-terminate", new Operation<>("n32f-terminate",
                        N32fContextInfo.class, (c, r) -> SbiResponse.json(200, SbiJson.write(
                                service.terminate(c, r)))),
                API_PREFIX + "/n32f-error", new Operation<>("n32f-error",
                        N32fErrorInfo.class, (c, r) -> {
                            service.error(c, r);
                            return SbiResponse.noContent();
                        }));
    }

    /**
     * Sends n32f-terminate and n32f-error about a context this SEPP does not hold to {@code relay} (in a SEPP run as
     * several instances, to the instance that owns it: docs/CLUSTER.md), whose answer goes back as it is; only when
     * the relay has nowhere to send it is the answer 404 CONTEXT_NOT_FOUND.
     */
    public void relayUnknownContexts(N32fRelay relay) {
        this.relay = java.util.Objects.requireNonNull(relay, "relay");
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        Operation<?> op = operations.get(request.pathWithoutQuery());
        String opName = op == null ? "unknown" : op.name();
        try {
            if (op == null) {
                throw N32cRejection.of(404, "Not Found", N32cCauses.RESOURCE_URI_STRUCTURE_NOT_FOUND,
                        "no N32-c resource " + truncate(request.pathWithoutQuery()));
            }
            if (!"POST".equals(request.method())) {
                throw N32cRejection.of(405, "Method Not Allowed", N32cCauses.METHOD_NOT_ALLOWED,
                        "N32-c operations are custom operations invoked with POST");
            }
            N32cConnectionFacts facts = facts(connection);
            return CompletableFuture.completedFuture(op.run(facts, request));
        } catch (N32cRejection rejection) {
            var p = rejection.problem();
            Optional<CompletionStage<SbiResponse>> relayed = relayed(op, p.cause(), request, connection);
            if (relayed.isPresent()) {
                return relayed.get();
            }
            log.info("N32-c {} from {}: {} refused: {} {} ({})", connection.id(), connection.remoteAddress(),
                    opName, p.status(), p.cause(), p.detail());
            meters.counter("keygate_n32c_rejections_total", "operation", opName, "cause", String.valueOf(p.cause()))
                    .increment();
            return CompletableFuture.completedFuture(SbiResponse.problem(p));
        }
    }

    /**
     * TS 29.573 5.2.4/5.2.5 name a context this SEPP does not hold: another instance's, relayed to it (its context
     * ends there, not at its expiry). Only terminate and error are about an existing context; the handshake's
     * operations make new ones here.
     */
    private Optional<CompletionStage<SbiResponse>> relayed(Operation<?> op, String cause, SbiRequest request,
            SbiConnection connection) {
        if (op == null || !N32cCauses.CONTEXT_NOT_FOUND.equals(cause)
                || !(op.type() == N32fContextInfo.class || op.type() == N32fErrorInfo.class)) {
            return Optional.empty();
        }
        Object body = N32cRequestDecoder.decode(request, op.type());
        String id = body instanceof N32fContextInfo info ? info.n32fContextId()
                : ((N32fErrorInfo) body).n32fContextId();
        try {
            return relay.relay(N32fContextId.parse(id), request, connection);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private N32cConnectionFacts facts(SbiConnection connection) {
        X509Certificate leaf = connection.peerCertificates().isEmpty() ? null : connection.peerCertificates().getFirst();
        Optional<PeerSepp> peer = leaf == null ? Optional.empty() : peers.byCertificate(leaf);
        if (peer.isEmpty()) {
            throw N32cRejection.of(403, "Forbidden", N32cCauses.NEGOTIATION_NOT_ALLOWED,
                    "the N32-c client certificate belongs to no configured roaming partner");
        }
        if (watchedConnections.putIfAbsent(connection.id(), Boolean.TRUE) == null) {
            connection.closeFuture().whenComplete((v, e) -> {
                watchedConnections.remove(connection.id());
                service.connectionClosed(connection.id());
            });
        }
        return new N32cConnectionFacts(connection.id(), peer.get(), leaf,
                () -> TlsExporter.exportN32MasterKey(connection.tlsSession().orElseThrow(
                        () -> new IllegalStateException("N32-c connection without TLS"))));
    }

    private static String truncate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /** One N32-c operation: its name, its request type, and what to do with a checked request. */
    private record Operation<T>(String name, Class<T> type, BiFunction<N32cConnectionFacts, T, SbiResponse> action) {
        SbiResponse run(N32cConnectionFacts facts, SbiRequest request) {
            return action.apply(facts, N32cRequestDecoder.decode(request, type));
        }
    }
}
