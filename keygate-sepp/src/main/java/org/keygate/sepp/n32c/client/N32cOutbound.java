package org.keygate.sepp.n32c.client;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.exporter.TlsExporter;
import org.keygate.tls.jsse.MutualTls;

/**
 * This SEPP's outbound N32-c connections, one per peer, opened on first use and reopened when closed. For the
 * initiator it is the first N32-c connection; for the responder it is the second one it opens for reverse
 * traffic without renegotiating (TS 33.501 13.2.2.2 step 5).
 *
 * <p>The peer's certificate must belong to the partner dialled: the TLS layer checked the chain against the
 * partner's PLMN anchor and its FQDN (endpoint identification); here its PLMN IDs must all be the partner's.
 */
public final class N32cOutbound implements AutoCloseable {
    private final SbiClient client;
    private final MutualTls tls;
    private final PeerDirectory peers;
    private final Map<String, CompletableFuture<SbiClientConnection>> connections = new ConcurrentHashMap<>();

    public N32cOutbound(SbiClient client, MutualTls tls, PeerDirectory peers) {
        this.client = client;
        this.tls = tls;
        this.peers = peers;
    }

    /** The open connection to {@code peer}, or a new one. */
    public CompletableFuture<SbiClientConnection> connection(PeerSepp peer) {
        return connections.compute(peer.name(), (name, existing) -> {
            if (existing != null && (!existing.isDone() || isOpen(existing))) {
                return existing;
            }
            return client.connect(peer.n32cAddress(), tls.clientParameters(peer.fqdn()))
                    .thenApply(c -> checkedPeer(peer, c));
        });
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
        CompletableFuture<SbiClientConnection> c = connections.remove(peer.name());
        if (c != null) {
            c.thenAccept(SbiClientConnection::close);
        }
    }

    @Override
    public void close() {
        connections.values().forEach(c -> c.thenAccept(SbiClientConnection::close));
        connections.clear();
    }

    private SbiClientConnection checkedPeer(PeerSepp peer, SbiClientConnection c) {
        X509Certificate leaf = c.peerCertificates().isEmpty() ? null : c.peerCertificates().getFirst();
        if (leaf == null || !peers.byCertificate(leaf).map(p -> p.name().equals(peer.name())).orElse(false)) {
            c.close();
            throw new N32cHandshakeException("the N32-c server at " + peer.n32cAddress()
                    + " presented a certificate that does not belong to peer " + peer.name());
        }
        return c;
    }

    private static boolean isOpen(CompletableFuture<SbiClientConnection> f) {
        return !f.isCompletedExceptionally() && !f.join().closeFuture().toCompletableFuture().isDone();
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
