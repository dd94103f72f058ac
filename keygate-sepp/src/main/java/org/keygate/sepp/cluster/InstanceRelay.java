package org.keygate.sepp.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keygate.crypto.n32.N32fContextId;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiConnectionPool;
import org.keygate.sbi.client.UnprocessedRequestException;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.loop.SbiEventLoops;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sepp.n32f.forward.N32fRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an n32f-process message to the live instance that owns its context, over the internal link (HTTP/2, one
 * connection per owner and event loop, {@link InternalTls}), and hands its answer back unchanged.
 *
 * <p>Outcomes ({@code keygate_cluster_relays_total{outcome}}): {@code relayed}; {@code owner_gone} (the directory
 * names an instance whose lease ended: the caller answers CONTEXT_NOT_FOUND and the partner renegotiates);
 * {@code unreachable} (the owner could not be reached, so it never saw the message: answered CONTEXT_NOT_FOUND too, as
 * an instance killed moments ago is); {@code failed} (the link broke after the message left: the owner may have
 * processed it, so it is not the partner's to resend blindly: 504 TARGET_NF_NOT_REACHABLE).
 */
final class InstanceRelay implements N32fRelay {
    private static final Logger log = LoggerFactory.getLogger(InstanceRelay.class);
    private final String self;
    private final ClusterView view;
    /** etcd's value of one key (EtcdSession.getAsync), for a context ID the view lacks. */
    private final Function<String, CompletableFuture<Optional<String>>> etcdGet;
    private final MeterRegistry meters;
    /** Keyed by instance and address: a restarted instance at a new address gets a new connection. */
    private final SbiConnectionPool<Owner> pool;

    private record Owner(String instance, InetSocketAddress address) {}

    InstanceRelay(String self, ClusterView view,
            Function<String, CompletableFuture<Optional<String>>> etcdGet, SbiClient client,
            InternalTls tls, SbiEventLoops loops, MeterRegistry meters) {
        this.self = self;
        this.view = view;
        this.etcdGet = etcdGet;
        this.meters = meters;
        this.pool = new SbiConnectionPool<>(loops, owner -> client.connect(owner.address(), tls.client()));
    }

    @Override
    public Optional<CompletionStage<SbiResponse>> relay(N32fContextId id, SbiRequest request, SbiConnection from) {
        if (from instanceof RelayedConnection) {
            return Optional.empty(); // one hop at most: the directory and the owner disagree, so the owner answers
        }
        return view.context(id.value()).flatMap(record -> relayTo(record, id, request, from));
    }

    /** To {@code record}'s owner, unless that is this instance or no longer a member (then empty). */
    private Optional<CompletionStage<SbiResponse>> relayTo(ContextRecord record, N32fContextId id, SbiRequest request,
            SbiConnection from) {
        if (record.owner().equals(self)) {
            return Optional.empty();
        }
        String instance = record.owner();
        Optional<InetSocketAddress> address = view.member(instance);
        if (address.isEmpty()) {
            count("owner_gone");
            log.info("cluster: N32-f context {} belongs to instance {}, which is no longer a member", id, instance);
            return Optional.empty();
        }
        List<X509Certificate> chain = from.peerCertificates();
        SbiRequest out = new SbiRequest(request.method(), request.path(), request.headers()
                .with(RelayHandler.PEER_CHAIN, RelayHandler.encode(chain)).with(RelayHandler.VIA, self), request.body());
        Owner owner = new Owner(instance, address.get());
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<SbiResponse> answer = pool.exchange(owner, c -> {
            sent.set(true);
            return c.send(out, "keygate-" + instance, "https");
        });
        return Optional.of(answer.handle((rsp, failure) -> {
            if (failure == null) {
                count("relayed");
                return rsp;
            }
            return failed(id, owner, failure, sent.get());
        }));
    }

    /**
     * As {@link #relay}, and for an ID the view lacks, etcd is asked before {@code unknown} answers: the record of a
     * context negotiated through another instance moments ago may still be on its way through the watch (found by a
     * clean-clone CI run of ClusterFailoverTest: a resend on a fresh context refused with CONTEXT_NOT_FOUND 60 ms
     * after the handshake). etcd out of reach, or no record there: {@code unknown}.
     */
    @Override
    public CompletionStage<SbiResponse> relayOr(N32fContextId id, SbiRequest request, SbiConnection from,
            Supplier<CompletionStage<SbiResponse>> unknown) {
        Optional<CompletionStage<SbiResponse>> now = relay(id, request, from);
        if (now.isPresent()) {
            return now.get();
        }
        if (from instanceof RelayedConnection || view.context(id.value()).isPresent()) {
            return unknown.get(); // the view knows the context (this instance's, or a member gone): nothing to ask
        }
        // The record read is used for this message only: the watch brings it into the view (kept there, a read that
        // raced the context's end would outlive the deletion the watch had already applied).
        return view.fetchContext(id.value(), etcdGet).exceptionally(e -> Optional.empty())
                .thenCompose(found -> found.flatMap(r -> relayTo(r, id, request, from)).orElseGet(unknown));
    }

    /** @param sent whether the message was handed to a connection (else connecting failed: the owner never saw it) */
    private SbiResponse failed(N32fContextId id, Owner owner, Throwable failure, boolean sent) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        pool.close(owner);
        boolean neverSeen = !sent || cause instanceof UnprocessedRequestException;
        if (neverSeen) {
            count("unreachable");
            log.warn("cluster: instance {} owning N32-f context {} is out of reach ({}): CONTEXT_NOT_FOUND",
                    owner.instance(), id, cause.toString());
            return SbiResponse.problem(ProblemDetails.of(403, "Forbidden", "CONTEXT_NOT_FOUND",
                    "the instance holding this N32-f context is out of reach; negotiate a new one"));
        }
        count("failed");
        log.warn("cluster: relaying a message of N32-f context {} to instance {} failed: {}", id, owner.instance(),
                cause.toString());
        return SbiResponse.problem(SbiCause.TARGET_NF_NOT_REACHABLE.problem(
                "the instance holding this N32-f context did not answer"));
    }

    private void count(String outcome) {
        meters.counter("keygate_cluster_relays_total", "outcome", outcome).increment();
    }

    void close() {
        pool.close();
    }
}
