package org.keygate.sepp.n32c.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.json.SbiJsonException;
import org.keygate.sepp.n32c.N32cConnectionFacts;
import org.keygate.sepp.n32c.N32cHandshakeException;
import org.keygate.sepp.n32c.server.N32cServerHandler;
import org.keygate.sepp.peer.PeerConnections;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.exporter.TlsExporter;
import org.keygate.tls.jsse.MutualTls;

/**
 * This SEPP's outbound N32-c connections, one per peer ({@link PeerConnections}). For the initiator it is the first
 * N32-c connection; for the responder it is the second one it opens for reverse traffic without renegotiating
 * (TS 33.501 13.2.2.2 step 5).
 */
public final class N32cOutbound implements AutoCloseable {
    private final PeerConnections connections;

    public N32cOutbound(SbiClient client, MutualTls tls, PeerDirectory peers) {
        this.connections = new PeerConnections("N32-c", client, tls, peers, PeerSepp::n32cAddress);
    }

    /** The open connection to {@code peer}, or a new one. */
    public CompletableFuture<SbiClientConnection> connection(PeerSepp peer) {
        return connections.connection(peer);
    }

    /** What the handshake core needs to know about the connection. */
    public static N32cConnectionFacts facts(PeerSepp peer, SbiClientConnection c) {
        return new N32cConnectionFacts(c.id(), peer, c.peerCertificates().getFirst(),
                () -> TlsExporter.exportN32MasterKey(c.tlsSession().orElseThrow()));
    }

    /**
     * POSTs {@code body} to the peer's N32-c {@code operation} and maps a 2xx answer to {@code responseType}
     * ({@code Void} for 204); anything else fails with the peer's ProblemDetails in the message.
     */
    public <T> CompletableFuture<T> post(SbiClientConnection c, PeerSepp peer, String operation, Object body,
            Class<T> responseType) {
        SbiRequest request = SbiRequest.json("POST", N32cServerHandler.API_PREFIX + "/" + operation,
                SbiJson.write(body));
        String authority = peer.fqdn() + ":" + peer.n32cAddress().getPort();
        return c.send(request, authority, "https").thenApply(answer(peer, operation, responseType));
    }

    public <T> CompletableFuture<T> post(PeerSepp peer, String operation, Object body, Class<T> responseType) {
        return connection(peer).thenCompose(c -> post(c, peer, operation, body, responseType));
    }

    /** Closes the connection to {@code peer}, e.g. when the handshake selected nothing usable (TS 33.501 13.5). */
    public void close(PeerSepp peer) {
        connections.close(peer);
    }

    /** Closes at once the connections whose server's chain {@code peerChain} accepts (revoked, issue 18). */
    public int closeIf(java.util.function.Predicate<java.util.List<java.security.cert.X509Certificate>> peerChain) {
        return connections.closeIf(peerChain);
    }

    /** Retires the connection to {@code peer}: closed once its requests in flight are answered. */
    public CompletableFuture<Void> retire(PeerSepp peer) {
        return connections.retire(peer);
    }

    @Override
    public void close() {
        connections.close();
    }

    private static <T> Function<SbiResponse, T> answer(PeerSepp peer, String operation, Class<T> type) {
        return rsp -> {
            if (rsp.status() == 204 && type == Void.class) {
                return null;
            }
            if (rsp.status() == 200) {
                try {
                    return SbiJson.read(rsp.body(), type);
                } catch (SbiJsonException e) {
                    throw new N32cHandshakeException(operation + " answer from " + peer.name()
                            + " is not a valid " + type.getSimpleName() + ": " + e.getMessage());
                }
            }
            throw new N32cHandshakeException(peer.name() + " refused " + operation + ": " + describe(rsp));
        };
    }

    private static String describe(SbiResponse rsp) {
        try {
            ProblemDetails p = SbiJson.read(rsp.body(), ProblemDetails.class);
            return rsp.status() + " " + p.cause() + " (" + p.detail() + ")";
        } catch (RuntimeException e) {
            return "HTTP " + rsp.status();
        }
    }
}
