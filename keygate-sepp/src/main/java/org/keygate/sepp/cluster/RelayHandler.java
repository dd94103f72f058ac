package org.keygate.sepp.cluster;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiHandler;
import org.keygate.sepp.n32c.server.N32cServerHandler;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal listener: n32f-process messages relayed by another instance of this SEPP, handled by this instance's
 * own {@link N32fProcessHandler} as if the partner had sent them here (n32f-terminate and n32f-error, which reach any
 * instance over N32-c, by its own {@link N32cServerHandler}), on a {@link RelayedConnection} that carries the
 * partner's certificate chain. Only the own certificate gets here (TLS, {@link InternalTls}), and it is checked once
 * more; a request without the partner's chain is refused.
 */
final class RelayHandler implements SbiHandler {
    /** The partner's TLS chain, leaf first, each certificate base64 DER, comma-separated (keygate's own header). */
    static final String PEER_CHAIN = "keygate-relay-peer-chain";
    /** The relaying instance's name, for logs. */
    static final String VIA = "keygate-relay-via";
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    /** The N32-c operations about an existing context, relayed to its owner like n32f-process (TS 29.573 5.2.4/5). */
    static final java.util.Set<String> N32C_PATHS = java.util.Set.of(N32cServerHandler.API_PREFIX + "/n32f-terminate",
            N32cServerHandler.API_PREFIX + "/n32f-error");

    private final X509Certificate own;
    private final N32fProcessHandler process;
    private final N32cServerHandler n32c;

    RelayHandler(X509Certificate own, N32fProcessHandler process, N32cServerHandler n32c) {
        this.own = own;
        this.process = process;
        this.n32c = n32c;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        if (connection.peerCertificates().isEmpty() || !connection.peerCertificates().getFirst().equals(own)) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "only instances of this SEPP relay here"));
        }
        String path = request.pathWithoutQuery();
        boolean toN32c = N32C_PATHS.contains(path);
        if (!toN32c && !N32fProcessHandler.PROCESS.equals(path)) {
            return refuse(connection, SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem(
                    "only n32f-process, n32f-terminate and n32f-error are relayed"));
        }
        List<X509Certificate> chain;
        try {
            chain = chain(request.headers().first(PEER_CHAIN).orElse(""));
        } catch (CertificateException | IllegalArgumentException e) {
            return refuse(connection, SbiCause.MANDATORY_IE_INCORRECT.problem(PEER_CHAIN + " is not a certificate chain"));
        }
        if (chain.isEmpty()) {
            return refuse(connection, SbiCause.MANDATORY_IE_MISSING.problem(PEER_CHAIN + " is missing"));
        }
        String via = request.headers().first(VIA).orElse("?");
        SbiHeaders headers = new SbiHeaders(request.headers().entries().stream()
                .filter(e -> !e.getKey().equalsIgnoreCase(PEER_CHAIN) && !e.getKey().equalsIgnoreCase(VIA)).toList());
        SbiRequest original = new SbiRequest(request.method(), request.path(), headers, request.body());
        RelayedConnection partner = new RelayedConnection(connection, chain, via);
        return toN32c ? n32c.handle(original, partner) : process.handle(original, partner);
    }

    static String encode(List<X509Certificate> chain) {
        List<String> parts = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                parts.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a certificate that cannot be encoded", e);
            }
        }
        return String.join(",", parts);
    }

    private static List<X509Certificate> chain(String header) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        if (header.isBlank()) {
            return out;
        }
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (String part : header.split(",")) {
            out.add((X509Certificate) cf.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(part.strip()))));
        }
        return out;
    }

    private static CompletionStage<SbiResponse> refuse(SbiConnection connection, ProblemDetails p) {
        log.info("cluster link {} from {}: relayed request refused: {} {} ({})", connection.id(),
                connection.remoteAddress(), p.status(), p.cause(), p.detail());
        return CompletableFuture.completedFuture(SbiResponse.problem(p));
    }
}
