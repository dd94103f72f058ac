package org.keygate.sepp.ipx;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.server.SbiServer;
import org.keygate.sepp.TestSepps;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * A wire tap between the IPX and the home SEPP, for tests: a TLS server with the home SEPP's certificate (so the IPX
 * takes it for home) that records every body crossing it both ways and relays to the real home SEPP with the IPX's
 * certificate, after {@code transform} (identity, or an attack such as stripping the modificationsBlock).
 */
final class Tap implements AutoCloseable {
    final List<byte[]> requests = new CopyOnWriteArrayList<>();
    final List<byte[]> answers = new CopyOnWriteArrayList<>();
    private final SbiServer server;
    private final SbiClient client;
    private final MutualTls toHome;
    private final IpxLab lab;
    private final UnaryOperator<byte[]> transform;

    Tap(IpxLab lab, int port, UnaryOperator<byte[]> transform) throws Exception {
        this.lab = lab;
        this.transform = transform;
        var home = lab.sepps.files.get("home");
        MutualTls asHome = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(home.certChain(), home.privateKey()))
                .intermediaryAnchors(List.of(lab.ipxCa)).build();
        this.toHome = MutualTls.builder()
                .keyMaterial(lab.ipxKeys)
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN, lab.ca("home")).build()).build();
        this.client = SbiClient.builder().tls(toHome.sslContext()).build();
        this.server = SbiServer.builder().name("tap").bind(IpxLab.loopback(port))
                .tls(asHome.sslContext(), asHome.serverParameters()).handler((request, connection) -> relay(request))
                .build().start();
    }

    private CompletableFuture<SbiResponse> relay(SbiRequest request) {
        requests.add(request.body());
        SbiRequest out = new SbiRequest(request.method(), request.path(), request.headers(),
                transform.apply(request.body()));
        String authority = request.headers().first("host").orElseThrow();
        return client.connect(IpxLab.loopback(lab.sepps.homeN32fPort),
                        toHome.clientParameters(TestSepps.HOME_PLMN.seppFqdn()))
                .thenCompose((SbiClientConnection c) -> c.send(out, authority, "https")
                        .whenComplete((r, e) -> c.close()))
                .thenApply(r -> {
                    answers.add(r.body());
                    return new SbiResponse(r.status(), r.headers(), r.body());
                });
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
