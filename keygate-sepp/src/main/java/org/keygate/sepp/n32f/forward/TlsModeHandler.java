package org.keygate.sepp.n32f.forward;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.n32.n32f.reformat.SbiClearMessages;
import org.keygate.n32.n32f.reformat.UnprotectableMessageException;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sepp.routing.ApiRoot;
import org.keygate.tls.plmn.PeerIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving SEPP's N32-f in TLS mode (TS 33.501 13.1.1.2): the partner's NF request arrives as a plain HTTP/2
 * request on the N32-f listener, {@code :authority} this SEPP, the target in {@code 3gpp-Sbi-Target-apiRoot}. The TLS
 * client must be a partner whose current context selected TLS (in a cluster: or with which another instance holds
 * a live TLS-mode agreement, {@link N32fContextRegistry#tlsAgreement}); the request then goes to
 * {@link N32fInbound} addressed to the target, the header removed (this SEPP is its last hop).
 */
public final class TlsModeHandler implements SbiHandler {
    public static final String TARGET_API_ROOT = "3gpp-sbi-target-apiroot";
    /** The cause when the client is a partner without a TLS-mode context: it should negotiate one. */
    public static final String NOT_ESTABLISHED = "N32F_CONTEXT_NOT_ESTABLISHED";
    private static final Logger log = LoggerFactory.getLogger(TlsModeHandler.class);
    /** One line per refusal would flood the log under attack (issue 12 item 5); the counter has them all. */
    private final org.keygate.sbi.log.LogThrottle refusals = new org.keygate.sbi.log.LogThrottle(log);

    private final N32fContextRegistry contexts;
    private final PeerDirectory peers;
    private final N32fInbound inbound;
    private final MeterRegistry meters;
    private final N32fMessageCounters messages;

    public TlsModeHandler(N32fContextRegistry contexts, PeerDirectory peers, N32fInbound inbound,
            MeterRegistry meters) {
        this.contexts = contexts;
        this.peers = peers;
        this.inbound = inbound;
        this.meters = meters;
        this.messages = new N32fMessageCounters(meters);
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        List<X509Certificate> chain = connection.peerCertificates();
        Optional<PeerSepp> peer = chain.isEmpty() ? Optional.empty() : peers.byCertificate(chain.getFirst());
        if (peer.isEmpty()) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "the N32-f client certificate belongs to no configured roaming partner"));
        }
        // This instance's own TLS-mode agreement, or one another instance of this SEPP made (docs/CLUSTER.md).
        Optional<N32fContext> context = contexts.tlsAgreement(peer.get());
        if (context.isEmpty()) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", NOT_ESTABLISHED,
                    "no N32-f context in TLS mode with " + peer.get().name()));
        }
        if (!context.get().admitsN32fCertificatePlmns(PeerIdentity.of(chain.getFirst()).plmnIds())) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "the N32-f certificate carries PLMN IDs that the partner's N32-c certificate does not"));
        }
        // TS 29.500 5.2.3.2.4's grammar (ApiRoot), not java.net.URI: stricter, and read per request without one.
        Optional<ApiRoot> target = request.headers().first(TARGET_API_ROOT).flatMap(ApiRoot::parse);
        if (target.isEmpty()) {
            return refuse(connection, SbiCause.MANDATORY_IE_MISSING.problem(
                    "TLS mode needs 3gpp-Sbi-Target-apiRoot with an absolute apiRoot"));
        }
        ApiRoot root = target.get();
        SbiRequest toTarget = new SbiRequest(request.method(), root.prefix() + request.path(), new SbiHeaders(
                request.headers().entries().stream().filter(e -> !e.getKey().equals(TARGET_API_ROOT)).toList()),
                request.body());
        try {
            var clear = SbiClearMessages.request(toTarget, root.scheme(), root.authority());
            messages.received(peer.get().name());
            return inbound.deliver(context.get(), clear, null).thenApply(SbiClearMessages::toSbi);
        } catch (UnprotectableMessageException e) {
            return refuse(connection, SbiCause.INVALID_MSG_FORMAT.problem(e.getMessage()));
        }
    }

    private CompletionStage<SbiResponse> refuse(SbiConnection connection, ProblemDetails p) {
        refusals.info(String.valueOf(p.cause()), "N32-f {} from {}: TLS-mode request refused: {} {} ({})",
                connection.id(), connection.remoteAddress(), p.status(), p.cause(), p.detail());
        meters.counter("keygate_n32f_rejections_total", "cause", String.valueOf(p.cause())).increment();
        return CompletableFuture.completedFuture(SbiResponse.problem(p));
    }
}
