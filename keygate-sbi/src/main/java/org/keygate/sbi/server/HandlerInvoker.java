package org.keygate.sbi.server;

import org.keygate.sbi.log.PeerValue;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.keygate.sbi.alpn.JdkAlpnHandler;
import org.keygate.sbi.call.SbiCall;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a server's {@link SbiHandler} for one request, the same way for HTTP/2 and HTTP/1.1: at most
 * {@code maxRequestsInFlight} requests of the listener at once (beyond it an immediate 503 NF_CONGESTION, TS 29.500
 * 5.2.7.2, instead of a queue that an attacker could fill), the {@link SbiCall} bound while the handler runs, a
 * handler failure turned into 500 SYSTEM_FAILURE (logged once, never the body), and the request counted by method and
 * status. One per server; thread-safe.
 */
final class HandlerInvoker {
    private static final Logger log = LoggerFactory.getLogger(HandlerInvoker.class);
    /** A handler failing on every request must not write a line per request (issue 12 item 5). */
    private final org.keygate.sbi.log.LogThrottle failures = new org.keygate.sbi.log.LogThrottle(log);

    private final SbiServerConfig config;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counters by method and status, looked up once: a registry lookup per request costs more than the count. */
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter overloaded;

    HandlerInvoker(SbiServerConfig config) {
        this.config = config;
        this.overloaded = config.meters().counter("keygate_sbi_requests_refused_total", "server", config.name(),
                "reason", "in_flight_limit");
        config.meters().gauge("keygate_sbi_requests_in_flight", io.micrometer.core.instrument.Tags.of("server",
                config.name()), inFlight);
    }

    /**
     * The handler's answer to {@code request}; the stage never fails. {@code call} is cancelled by the transport when
     * the client goes away; it is finished here once answered. The request stays in flight until the transport calls
     * {@link #answered} (exactly once per invoke, the refusal beyond the limit included): a draining stop waits for
     * answers on the wire, not for answers decided (issue 18: one decided off the event loop, its write still queued,
     * was cut by the close that followed the drain; AefDrainOnStopTest saw it in CI).
     */
    CompletionStage<SbiResponse> invoke(SbiRequest request, NettySbiConnection connection, SbiCall call) {
        if (inFlight.incrementAndGet() > config.maxRequestsInFlight()) {
            overloaded.increment();
            return CompletableFuture.completedFuture(SbiResponse.problem(SbiCause.NF_CONGESTION.problem(
                    "too many requests in progress; retry later")));
        }
        CompletionStage<SbiResponse> answer;
        try {
            answer = call.bind(() -> config.handler().handle(request, connection));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((rsp, failure) -> {
            call.finish();
            if (failure == null && rsp != null) {
                return rsp;
            }
            if (!call.isCancelled()) {
                failures.warn("handler", "{}: connection {}: {} {} failed in the handler: {}", config.name(),
                        connection.id(),
                        PeerValue.of(request.method()), PeerValue.path(request.pathWithoutQuery()),
                        failure == null ? "no response" : JdkAlpnHandler.rootMessage(failure));
            }
            return SbiResponse.problem(SbiCause.SYSTEM_FAILURE.problem("the request could not be processed"));
        });
    }

    /** One request's answer is written and flushed, or will never be (the client reset it, the connection closed). */
    void answered() {
        inFlight.decrementAndGet();
    }

    /** Requests handed to the handler whose answer is not yet written. */
    int inFlight() {
        return inFlight.get();
    }

    /** Counts an answered request ({@code keygate_sbi_requests_total}). */
    void count(String method, int status) {
        counters.computeIfAbsent(method + ' ' + status, k -> config.meters().counter("keygate_sbi_requests_total",
                "server", config.name(), "method", method, "status", String.valueOf(status))).increment();
    }
}
