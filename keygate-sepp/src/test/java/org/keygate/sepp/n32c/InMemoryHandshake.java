package org.keygate.sepp.n32c;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.keygate.crypto.n32.N32MasterKey;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContextRegistry;
import org.keygate.n32.n32c.model.N32fErrorInfo;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecParamExchReqData;
import org.keygate.tls.jsse.PemFiles;

/**
 * The initiator's {@link N32cHandshake} and the responder's {@link N32cService} wired back to back without
 * sockets, as Bouncy Castle's non-blocking TLS tests pump a client into a server: every message between them is
 * recorded so tests can check it against the OpenAPI schema. The master key is the N32-EXAMPLES.md input
 * (octets 00..3f), as if both ends exported it from one TLS connection.
 */
final class InMemoryHandshake {
    record Exchange(String operation, Object request, Object response) {}

    final SeppConfig initiatorConfig;
    final SeppConfig responderConfig;
    final N32fContextRegistry initiatorContexts = new N32fContextRegistry(Clock.systemUTC());
    final N32fContextRegistry responderContexts = new N32fContextRegistry(Clock.systemUTC());
    final List<Exchange> exchanges = new ArrayList<>();
    final List<N32fErrorInfo> errorsSentByResponder = new ArrayList<>();
    final List<N32fErrorInfo> errorsSentByInitiator = new ArrayList<>();
    final N32cService responder;
    final N32cHandshake initiator;
    final N32cConnectionFacts atResponder;

    InMemoryHandshake(SeppConfig initiatorConfig, SeppConfig responderConfig, X509Certificate initiatorCert,
            X509Certificate responderCert) {
        this.initiatorConfig = initiatorConfig;
        this.responderConfig = responderConfig;
        byte[] octets = new byte[N32MasterKey.LENGTH];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) i;
        }
        N32MasterKey master = N32MasterKey.of(SecretBytes.copyOf(octets));
        SecureRandom random = new SecureRandom();
        this.responder = new N32cService(responderConfig.n32c(), responderContexts, random, (peer, error) -> {
            errorsSentByResponder.add(error);
            return CompletableFuture.completedFuture(null);
        });
        this.atResponder = new N32cConnectionFacts("server-conn-1", responderConfig.peers().getFirst(),
                initiatorCert, () -> master);
        var atInitiator = new N32cConnectionFacts("client-conn-1", initiatorConfig.peers().getFirst(), responderCert,
                () -> master);
        this.initiator = new N32cHandshake(initiatorConfig.n32c(), initiatorConfig.peers().getFirst(), atInitiator,
                initiatorContexts, random, (peer, error) -> {
                    errorsSentByInitiator.add(error);
                    return CompletableFuture.completedFuture(null);
                });
    }

    static X509Certificate leaf(java.nio.file.Path chain) throws Exception {
        return PemFiles.readCertificates(chain).getFirst();
    }

    /** Pumps requests and responses until the initiator is done; returns the final step. */
    N32cHandshake.Done run() {
        N32cHandshake.Step step = initiator.start();
        while (step instanceof N32cHandshake.Send send) {
            Object response = answer(send);
            exchanges.add(new Exchange(send.operation(), send.body(), response));
            step = initiator.onResponse(response);
        }
        return (N32cHandshake.Done) step;
    }

    Object answer(N32cHandshake.Send send) {
        return switch (send.body()) {
            case SecNegotiateReqData r -> responder.exchangeCapability(atResponder, r);
            case SecParamExchReqData r -> responder.exchangeParams(atResponder, r);
            default -> throw new IllegalStateException("unexpected " + send.body());
        };
    }
}
