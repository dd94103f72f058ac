package org.keygate.sepp.n32c.client;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.sepp.n32c.N32cHandshake;
import org.keygate.sepp.n32c.N32cHandshakeException;
import org.keygate.n32.ri.RiCertificateCheck;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.n32c.N32fErrorSender;
import org.keygate.n32.n32c.model.N32fContextInfo;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.sepp.peer.PeerSepp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the initiator's {@link N32cHandshake} over this SEPP's outbound N32-c connection to a peer, with a
 * timeout per attempt and retries with backoff ({@link HandshakeRetryPolicy}); also sends n32f-terminate and
 * n32f-error (TS 29.573 5.2.4, 5.2.5) on the same outbound connection.
 */
public final class N32cInitiator implements N32fErrorSender {
    private static final Logger log = LoggerFactory.getLogger(N32cInitiator.class);

    /** Read at each attempt: a reload's new offer goes into the next handshake (issue 18). */
    private final java.util.function.Supplier<N32cSettings> settings;
    private final RiCertificateCheck riCertificates;
    private final N32cOutbound outbound;
    private final N32fContextRegistry contexts;
    private final SecureRandom random;
    private final HandshakeRetryPolicy retry;
    private final MeterRegistry meters;
    private final Map<String, CompletableFuture<N32fContext>> inFlight = new ConcurrentHashMap<>();
    /** By peer name: kept after a later success, so that the status view can say what failed last and when. */
    private final Map<String, HandshakeFailure> lastFailures = new ConcurrentHashMap<>();

    public N32cInitiator(N32cSettings settings, N32cOutbound outbound, N32fContextRegistry contexts,
            SecureRandom random, HandshakeRetryPolicy retry, MeterRegistry meters) {
        this(() -> settings, outbound, contexts, random, retry, meters, RiCertificateCheck.NONE);
    }

    /**
     * @param settings this SEPP's side of the handshake as the running configuration has it (a reload replaces it)
     * @param riCertificates the trust in RI signing certificates the responder announces (issue 18)
     */
    public N32cInitiator(java.util.function.Supplier<N32cSettings> settings, N32cOutbound outbound,
            N32fContextRegistry contexts, SecureRandom random, HandshakeRetryPolicy retry, MeterRegistry meters,
            RiCertificateCheck riCertificates) {
        this.riCertificates = riCertificates;
        this.settings = settings;
        this.outbound = outbound;
        this.contexts = contexts;
        this.random = random;
        this.retry = retry;
        this.meters = meters;
    }

    /**
     * Runs the handshake with {@code peer} until it succeeds or the retries are spent. While one runs, further
     * calls for the same peer join it: two handshakes on one N32-c connection would end each other's contexts.
     */
    public CompletableFuture<N32fContext> establish(PeerSepp peer) {
        CompletableFuture<N32fContext> created = new CompletableFuture<>();
        CompletableFuture<N32fContext> running = inFlight.putIfAbsent(peer.name(), created);
        if (running != null) {
            // Joining a handshake that finishes while its context is being ended (e.g. the sweeper expiring it in
            // the moment before the handshake leaves inFlight) must not hand out the ended context: start anew.
            return running.thenCompose(c -> stillCurrent(c) ? CompletableFuture.completedFuture(c) : establish(peer));
        }
        attempt(peer, 0).whenComplete((context, failure) -> {
            inFlight.remove(peer.name(), created);
            if (failure != null) {
                created.completeExceptionally(failure);
            } else {
                created.complete(context);
            }
        });
        return created;
    }

    /** The last failed handshake attempt this SEPP initiated with the named partner, if any failed. */
    public Optional<HandshakeFailure> lastFailure(String peerName) {
        return Optional.ofNullable(lastFailures.get(peerName));
    }

    private CompletableFuture<N32fContext> attempt(PeerSepp peer, int attempt) {
        return once(peer).handle((context, failure) -> {
            if (failure == null) {
                meters.counter("keygate_n32c_handshakes_total", "peer", peer.name(), "outcome", "established")
                        .increment();
                return CompletableFuture.completedFuture(context);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            meters.counter("keygate_n32c_handshakes_total", "peer", peer.name(), "outcome", "failed").increment();
            lastFailures.put(peer.name(), HandshakeFailure.of(contexts.clock().instant(), attempt + 1, cause));
            if (attempt >= retry.retries()) {
                log.warn("N32-c handshake with {} failed after {} attempt(s): {}", peer.name(), attempt + 1,
                        cause.toString());
                return CompletableFuture.<N32fContext>failedFuture(cause);
            }
            var wait = retry.backoffBefore(attempt + 1);
            log.info("N32-c handshake with {} failed (attempt {}): {}; retrying in {}", peer.name(), attempt + 1,
                    cause.toString(), wait);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(peer, attempt + 1));
        }).thenCompose(f -> f);
    }

    private CompletableFuture<N32fContext> once(PeerSepp peer) {
        return outbound.connection(peer)
                .thenCompose(c -> {
                    N32cHandshake handshake = new N32cHandshake(settings.get(), peer, N32cOutbound.facts(peer, c),
                            contexts, random, this, riCertificates);
                    return drive(c, peer, handshake, handshake.start()).whenComplete((ctx, e) -> {
                        if (e != null) {
                            handshake.fail();
                            outbound.close(peer); // TS 33.501 13.5: a failed negotiation ends the connection
                        }
                    });
                })
                .orTimeout(retry.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<N32fContext> drive(SbiClientConnection c, PeerSepp peer, N32cHandshake handshake,
            N32cHandshake.Step step) {
        return switch (step) {
            case N32cHandshake.Done done -> {
                log.info("N32-c handshake with {} done: {}", peer.name(), done.context());
                yield CompletableFuture.completedFuture(done.context());
            }
            case N32cHandshake.Send send -> outbound.post(c, peer, send.operation(), send.body(), send.responseType())
                    .thenCompose(rsp -> drive(c, peer, handshake, handshake.onResponse(rsp)));
        };
    }

    /**
     * Ends the current context with {@code peer} on both sides: n32f-terminate names the peer's own context ID
     * (DESIGN.md), then the context is forgotten here whatever the peer answers.
     */
    public CompletableFuture<Void> terminate(N32fContext context) {
        if (context.remoteContextId().isEmpty()) {
            contexts.end(context, N32fContextState.TERMINATED);
            return CompletableFuture.completedFuture(null);
        }
        var body = new N32fContextInfo(context.remoteContextId().get().value());
        return outbound.post(context.peer(), "n32f-terminate", body, N32fContextInfo.class)
                .handle((rsp, e) -> {
                    contexts.end(context, N32fContextState.TERMINATED);
                    if (e != null) {
                        throw new N32cHandshakeException("n32f-terminate to " + context.peer().name() + " failed: "
                                + e.getMessage(), e);
                    }
                    return null;
                });
    }

    @Override
    public CompletableFuture<Void> send(PeerSepp peer, N32fErrorInfo error) {
        return outbound.post(peer, "n32f-error", error, Void.class);
    }

    private boolean stillCurrent(N32fContext c) {
        return contexts.isLive(c);
    }
}
