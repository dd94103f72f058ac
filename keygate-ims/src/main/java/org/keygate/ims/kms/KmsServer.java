package org.keygate.ims.kms;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.keygate.ims.mikey.MikeyCodec;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiCause;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiConnection;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sbi.server.ServerDrain;

/**
 * The KMS over HTTP (RFC 6043 7: TS 33.328 carries Ticket Request and Resolve over HTTP): an {@link SbiServer}
 * with mutual TLS (HTTP/2, HTTP/1.1 as fallback) and two resources, each taking a MIKEY message as
 * {@value #MEDIA_TYPE} (RFC 3830 10.1) and answering one:
 *
 * <ul>
 *   <li>{@code POST} {@value #TICKET_REQUEST_PATH}: REQUEST_INIT_PSK, answered by REQUEST_RESP (200);</li>
 *   <li>{@code POST} {@value #TICKET_RESOLVE_PATH}: RESOLVE_INIT_PSK, answered by RESOLVE_RESP (200).</li>
 * </ul>
 * A refused MIKEY message is answered with a MIKEY Error message: 403 for Auth failure and Invalid ID, 400
 * otherwise. Other paths, methods and media types get ProblemDetails (404, 405, 415); bodies over
 * {@link MikeyCodec#MAX_MESSAGE_OCTETS} get 413 from the server. The MIKEY work is a few HMACs and AES blocks, so
 * it runs on the event loop.
 */
public final class KmsServer implements AutoCloseable {
    public static final String MEDIA_TYPE = "application/mikey";
    public static final String TICKET_REQUEST_PATH = "/mikey-ticket/v1/ticket-request";
    public static final String TICKET_RESOLVE_PATH = "/mikey-ticket/v1/ticket-resolve";

    private final SbiServer server;

    private KmsServer(SbiServer server) {
        this.server = server;
    }

    /** Binds and serves; {@code tls} must require client certificates. */
    public static KmsServer start(KmsService service, InetSocketAddress bind, SSLContext tls, SSLParameters params) {
        if (!params.getNeedClientAuth()) {
            throw new IllegalArgumentException("params: needClientAuth false (expected: mutual TLS)");
        }
        SbiServer server = SbiServer.builder().name("kms").bind(bind).tls(tls, params)
                .maxRequestBodyBytes(MikeyCodec.MAX_MESSAGE_OCTETS)
                .handler((request, connection) -> CompletableFuture.completedFuture(handle(service, request,
                        connection)))
                .build().start();
        return new KmsServer(server);
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * The first half of a draining stop (issue 18, docs/IMS.md "Stopping"): the listener stops accepting, HTTP/2
     * clients get a GOAWAY (RFC 9113 6.8), and the Ticket Requests and Resolves already taken are answered, for at
     * most {@code timeout}; the outcome is logged naming {@code who}. Then {@link #close}.
     */
    public ServerDrain.Outcome drain(String who, java.time.Duration timeout) {
        return ServerDrain.drain(who, java.util.List.of(server), timeout);
    }

    @Override
    public void close() {
        server.close();
    }

    static SbiResponse handle(KmsService service, SbiRequest request, SbiConnection connection) {
        String path = request.pathWithoutQuery();
        boolean isRequest = path.equals(TICKET_REQUEST_PATH);
        if (!isRequest && !path.equals(TICKET_RESOLVE_PATH)) {
            return SbiResponse.problem(SbiCause.RESOURCE_URI_STRUCTURE_NOT_FOUND.problem("no such KMS resource"));
        }
        if (!request.method().equals("POST")) {
            return SbiResponse.problem(ProblemDetails.of(405, "Method Not Allowed", null, "use POST"));
        }
        String type = request.contentType().map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!type.equals(MEDIA_TYPE)) {
            return SbiResponse.problem(ProblemDetails.of(415, "Unsupported Media Type",
                    SbiCause.INVALID_MSG_FORMAT.name(), "expected " + MEDIA_TYPE));
        }
        Set<String> names = connection.peerCertificates().isEmpty() ? Set.of()
                : KmsTls.names(connection.peerCertificates().getFirst());
        KmsAnswer answer = isRequest ? service.ticketRequest(request.body(), names)
                : service.ticketResolve(request.body(), names);
        return new SbiResponse(answer.httpStatus(), SbiHeaders.of("content-type", MEDIA_TYPE), answer.mikey());
    }
}
