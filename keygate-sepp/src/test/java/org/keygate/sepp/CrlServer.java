package org.keygate.sepp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/**
 * A CA's CRL distribution point for the revocation tests (issue 18): the JDK's http server on 127.0.0.1, port 0,
 * serving whichever CRL was published last, so that a test revokes a certificate by publishing a new CRL and waits
 * for the node's next refresh to fetch it.
 */
public final class CrlServer implements AutoCloseable {
    private final AtomicReference<byte[]> published = new AtomicReference<>();
    private final HttpServer server;

    private CrlServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the server; publish a CRL before a node fetches it. */
    public static CrlServer start() throws IOException {
        CrlServer crls = new CrlServer(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        crls.server.createContext("/ca.crl", exchange -> {
            byte[] body = crls.published.get();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        crls.server.start();
        return crls;
    }

    /** Publishes {@code ca}'s first CRL, revoking nothing, valid from a minute ago for a day. */
    public void publishNothingRevoked(LabCa ca) throws Exception {
        Instant now = Instant.now();
        published.set(ca.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1).getEncoded());
    }

    /** Publishes {@code ca}'s second CRL, revoking {@code revoked} from now on. */
    public void publishRevoked(LabCa ca, X509Certificate revoked) throws Exception {
        Instant now = Instant.now();
        published.set(ca.crl(List.of(revoked), now, now.plus(Duration.ofDays(1)), 2).getEncoded());
    }

    /**
     * Certificates under {@code anchor} checked against the CRL published here, fetched every {@code refresh}, and
     * refused while that CRL is stale.
     */
    public AnchorRevocation revocation(X509Certificate anchor, Duration refresh) {
        URI crl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl");
        return new AnchorRevocation(anchor, new RevocationPolicy(List.of(new CrlSource.Http(crl)), false,
                OnStaleRevocation.REFUSE, refresh));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
