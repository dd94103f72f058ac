package org.keygate.sepp.nf;

import org.keygate.sbi.log.PeerValue;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.h2.H2Settings;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.n32f.reformat.SbiClearMessages;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;
import org.keygate.tls.jsse.TlsEngines;
import org.keygate.tls.jsse.TlsParts;
import org.keygate.tls.jsse.TlsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers requests from peers to the NF their target authority names (target apiRoot scheme {@code http} or
 * {@code https}), over h2c or TLS as the NF's {@link NfRoute} says, one pooled connection per NF and
 * event loop (reopened once closed; a request that times out resets only its own stream, the connection stays for
 * the others). Targets without a route are answered 404 (TS 29.500 RESOURCE_URI_STRUCTURE_NOT_FOUND does
 * not fit a missing NF; keygate uses its own cause {@value #NO_ROUTE}); an NF that does not answer gives 504
 * TARGET_NF_NOT_REACHABLE. Answers are passed back as the NF gave them.
 */
public final class HomeNfForwarder implements N32fInbound, AutoCloseable {
    public static final String NO_ROUTE = "TARGET_NF_NOT_CONFIGURED";
    private static final Logger log = LoggerFactory.getLogger(HomeNfForwarder.class);

    private final NfRoutes routes;
    private final SbiClient client;
    private final SbiConnectionPool<NfRoute> connections;
    private final java.util.Map<NfRoute, SbiClient> tlsClients;

    /** @param loops the node's shared event loops (the NF connections run on them), or null for a loop of its own */
    public HomeNfForwarder(NfRoutes routes, Duration requestTimeout, int maxResponseBodyBytes, SbiEventLoops loops) {
        this(routes, requestTimeout, maxResponseBodyBytes, H2Settings.DEFAULT, loops);
    }

    /** @param h2 the HTTP/2 windows the NF connections advertise */
    public HomeNfForwarder(NfRoutes routes, Duration requestTimeout, int maxResponseBodyBytes, H2Settings h2,
            SbiEventLoops loops) {
        this(routes, requestTimeout, maxResponseBodyBytes, h2, loops,
                TlsProvider.resolve(java.util.Optional.empty()));
    }

    /** @param provider the TLS engine toward NFs reached over TLS (the SEPP's {@code tls.provider}) */
    public HomeNfForwarder(NfRoutes routes, Duration requestTimeout, int maxResponseBodyBytes, H2Settings h2,
            SbiEventLoops loops, TlsProvider provider) {
        this.routes = routes;
        SbiClient.Builder b = SbiClient.builder().cleartext().connectTimeout(requestTimeout)
                .requestTimeout(requestTimeout).maxResponseBodyBytes(maxResponseBodyBytes).h2(h2);
        this.client = (loops == null ? b : b.eventLoops(loops)).build();
        // TLS routes (NfTls): a client per route, each with the operator's anchors and client certificate.
        java.util.Map<NfRoute, SbiClient> tls = new java.util.HashMap<>();
        java.util.Map<NfRoute, javax.net.ssl.SSLParameters> params = new java.util.HashMap<>();
        for (NfRoute r : routes.all()) {
            r.tls().ifPresent(t -> {
                TlsParts parts = t.parts();
                javax.net.ssl.SSLContext ctx = parts.jdk();
                SbiClient.Builder tb = SbiClient.builder()
                        .tls(TlsEngines.of(provider, parts, NfTls.clientParameters(ctx, r.host())))
                        .connectTimeout(requestTimeout)
                        .requestTimeout(requestTimeout).maxResponseBodyBytes(maxResponseBodyBytes).h2(h2);
                tls.put(r, (loops == null ? tb : tb.eventLoops(loops)).build());
                params.put(r, NfTls.clientParameters(ctx, r.host()));
            });
        }
        this.tlsClients = java.util.Map.copyOf(tls);
        this.connections = new SbiConnectionPool<>(loops, route -> route.tls().isEmpty()
                ? client.connect(route.address(), null)
                : tlsClients.get(route).connect(route.address(), params.get(route)));
    }

    @Override
    public CompletionStage<ClearResponse> deliver(N32fContext context, ClearRequest request, String messageId) {
        // Both schemes are served (partners normally send https); the route says how the NF is reached.
        NfRoute route = routes.route(request.scheme(), request.authority()).orElse(null);
        if (route == null || !("http".equalsIgnoreCase(request.scheme()) || "https".equalsIgnoreCase(request.scheme()))) {
            log.info("N32-f from {}: no route to {}://{}, refused", context.peer().name(),
                    PeerValue.of(request.scheme()), PeerValue.of(request.authority()));
            return CompletableFuture.completedFuture(ClearResponse.problem(ProblemDetails.of(404, "Not Found", NO_ROUTE,
                    "no NF of this PLMN is reachable at the target authority")));
        }
        return connections.exchange(route, c -> c.send(SbiClearMessages.toSbi(request), request.authority(),
                        route.scheme()))
                .thenApply(r -> clear(r, context.capability() == SecurityCapability.TLS))
                .exceptionally(failure -> {
                    log.info("N32-f from {}: NF {} did not answer: {}", context.peer().name(), route.authority(),
                            failure.toString());
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure;
                    // A timeout is not unreachability: say which it was (issue 12 item 7).
                    if (cause instanceof java.util.concurrent.TimeoutException) {
                        return ClearResponse.problem(SbiCause.TIMED_OUT_REQUEST.problem(
                                "the target NF did not answer in time"));
                    }
                    String onTheStream = streamCause(cause);
                    return ClearResponse.problem(SbiCause.TARGET_NF_NOT_REACHABLE.problem(onTheStream.isEmpty()
                            ? "the target NF could not be reached" : "the target NF did not answer" + onTheStream));
                });
    }

    /**
     * Why the NF gave no answer, for the partner: what happened on the stream (reset, closed) but never the NF's
     * address (a failed connect names it; topology hiding, TS 33.501 5.9.3.2); empty when the NF was not reached.
     */
    private static String streamCause(Throwable cause) {
        boolean onTheStream = cause instanceof java.io.IOException && !(cause instanceof java.net.SocketException)
                && !(cause instanceof javax.net.ssl.SSLException);
        return onTheStream && cause.getMessage() != null ? ": " + cause.getMessage() : "";
    }

    /** {@code asReceived}: TLS mode, where the answer's body is passed on, never read. */
    private static ClearResponse clear(org.keygate.sbi.http.SbiResponse r, boolean asReceived) {
        try {
            return asReceived ? SbiClearMessages.responseAsReceived(r) : SbiClearMessages.response(r);
        } catch (UnprotectableMessageException e) {
            return ClearResponse.problem(ProblemDetails.of(502, "Bad Gateway", "UNSPECIFIED_NF_FAILURE",
                    "the NF's answer cannot cross N32-f: " + e.getMessage()));
        }
    }

    @Override
    public void close() {
        connections.close();
        client.close();
        tlsClients.values().forEach(SbiClient::close);
    }
}
