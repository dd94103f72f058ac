package org.keygate.sepp.cluster;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/** The visited SEPP's identity as a plain HTTP/2 client (the JDK's): posts an n32f-process body as it
 * is (e.g. a replay), or an N32-c one. */
final class VisitedClient {
    private final HttpClient client;

    VisitedClient(TestSepps sepps) throws Exception {
        var f = sepps.files.get("visited");
        MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3")).build();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> process(InetSocketAddress to, byte[] body) throws Exception {
        return post(to, N32fProcessHandler.PROCESS, body);
    }

    /**
     * An NF's request as the visited SEPP sends it in TLS mode (TS 33.501 13.1.1.2): POST {@code path} at {@code to},
     * the target NF in {@code 3gpp-Sbi-Target-apiRoot}.
     */
    HttpResponse<String> tlsMode(InetSocketAddress to, String path, String targetApiRoot, byte[] body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + to.getPort() + path))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .header("3gpp-sbi-target-apiroot", targetApiRoot)
                .header("3gpp-sbi-originating-network-id", "999-99; src: SEPP-" + TestSepps.VISITED_PLMN.seppFqdn())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs {@code body} as JSON to {@code path} (e.g. an N32-c operation) at {@code to}. */
    HttpResponse<String> post(InetSocketAddress to, String path, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + to.getPort()
                        + path)).timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
