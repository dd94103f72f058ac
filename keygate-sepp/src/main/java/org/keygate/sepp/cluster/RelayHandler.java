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
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal listener: n32f-process messages relayed by another instance of this SEPP, handled by this instance's
 * own {@link N32fProcessHandler} as if the partner had sent them here, on a {@link RelayedConnection} that carries the
 * partner's certificate chain. Only the own certificate gets here (TLS, {@link InternalTls}), and it is checked once
 * more; a request without the partner's chain is refused.
 */
final class RelayHandler implements SbiHandler {
    /** The partner's TLS chain, leaf first, each certificate base64 DER, comma-separated (keygate's own header). */
    static final String PEER_CHAIN = "keygate-relay-peer-chain";
    /** The relaying instance's name, for logs. */
    static final String VIA = "keygate-relay-via";
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    private final X509Certificate own;
    private final N32fProcessHandler process;

    RelayHandler(X509Certificate own, N32fProcessHandler process) {
        this.own = own;
        this.process = process;
    }

    @Override
    public CompletionStage<SbiResponse> handle(SbiRequest request, SbiConnection connection) {
        if (connection.peerCertificates().isEmpty() || !connection.peerCertificates().getFirst().equals(own)) {
            return refuse(connection, ProblemDetails.of(403, "Forbidden", "N32F_PEER_NOT_AUTHORIZED",
                    "only instances of this SEPP relay here"));
        }
        if (!N32fProcessHandler.PROCESS.equals(request.pathWithoutQuery())) {
            return refuse(connection, SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("only n32f-process is relayed"));
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
        return process.handle(new SbiRequest(request.method(), request.path(), headers, request.body()),
                new RelayedConnection(connection, chain, via));
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
