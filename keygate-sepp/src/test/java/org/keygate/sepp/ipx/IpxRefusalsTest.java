package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.LogCapture;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.n32f.forward.N32fProcessHandler;
import org.keygate.n32.n32f.prins.N32fProtector;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.n32f.reformat.EncryptionPlan;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.trust.PlmnTrustAnchors;
import org.keygate.ipx.node.IpxNode;

/**
 * What the IPX node and the receiving SEPP refuse on the IPX path: bad requests at the IPX (which keeps serving), and
 * N32-f clients that are neither the partner nor its configured IPX at the home SEPP.
 */
class IpxRefusalsTest {
    private static final String HOME_AUTHORITY_PREFIX = TestSepps.HOME_PLMN.seppFqdn() + ":";

    @TempDir
    Path dir;

    IpxLab lab;
    SeppNode home;
    SeppNode visited;
    IpxNode ipx;

    @BeforeEach
    void start() throws Exception {
        lab = new IpxLab(dir);
        home = SeppNode.start(lab.home(), Clock.systemUTC(), (c, r, id) -> CompletableFuture.completedFuture(
                new ClearResponse(204, List.of(), null)));
        ipx = IpxNode.start(lab.ipx(Optional.empty()));
        visited = SeppNode.start(lab.visited(false), Clock.systemUTC(), (c, r, id) -> CompletableFuture.failedFuture(
                new IllegalStateException("not used")));
        visited.establish("home").get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        visited.close();
        ipx.close();
        home.close();
    }

    private static ClearRequest request() {
        return new ClearRequest("GET", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org", "/nudm-sdm/v2/x/nssai", null,
                List.of(Map.entry("3gpp-sbi-originating-network-id",
                        "999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org")), null);
    }

    private String homeAuthority() {
        return HOME_AUTHORITY_PREFIX + lab.sepps.homeN32fPort;
    }

    @Test
    void badRequestsAtTheIpxGetClearErrorsLoggedOnceAndItKeepsServing() throws Exception {
        try (Raw raw = new Raw(lab.sepps.files.get("visited"), ipx.address(), IpxLab.IPX_ID);
                LogCapture logs = new LogCapture()) {
            SbiResponse options = raw.send(new SbiRequest("OPTIONS", N32fProcessHandler.PROCESS, SbiHeaders.empty(),
                    null), homeAuthority());
            assertThat(options.status()).isEqualTo(204);
            assertThat(options.headers().first("accept-encoding")).contains("identity");

            assertProblem(raw.send(json("{}"), "sepp.5gc.mnc002.mcc002.3gppnetwork.org:443"), 404,
                    "N32F_ROUTE_NOT_CONFIGURED");
            assertProblem(raw.send(json("{\"reformattedData\": 12"), homeAuthority()), 400, "INVALID_MSG_FORMAT");
            assertProblem(raw.send(json("{}"), homeAuthority()), 400, "MANDATORY_IE_MISSING");
            assertProblem(raw.send(new SbiRequest("POST", N32fProcessHandler.PROCESS,
                    SbiHeaders.of("content-type", "text/plain"), "x".getBytes(StandardCharsets.UTF_8)),
                    homeAuthority()), 415, "UNSUPPORTED_MEDIA_TYPE");
            assertProblem(raw.send(new SbiRequest("GET", N32fProcessHandler.PROCESS, SbiHeaders.empty(), null),
                    homeAuthority()), 405, "METHOD_NOT_ALLOWED");
            assertProblem(raw.send(new SbiRequest("POST", "/n32f-forward/v1/other", SbiHeaders.empty(), null),
                    homeAuthority()), 404, "RESOURCE_URI_STRUCTURE_NOT_FOUND");
            assertThat(logs.keygateMessages()).filteredOn(m -> m.contains("refused: 404 N32F_ROUTE_NOT_CONFIGURED"))
                    .hasSize(1);
            assertThat(logs.keygateMessages()).noneMatch(m -> m.contains("reformattedData\": 12"));
        }
        assertThat(ipx.meters().find("keygate_ipx_refusals_total").tag("cause", "INVALID_MSG_FORMAT").counter()
                .count()).isEqualTo(1);
        assertThat(visited.forwarder().forward(visited.config().peers().getFirst(), request())
                .get(30, TimeUnit.SECONDS).status()).isEqualTo(204);
    }

    @Test
    void aSeppUnderAnUntrustedRootCannotUseTheIpx() throws Exception {
        // It claims 999-99 under a root the IPX does not have for 999-99: the IPX ends the handshake (under TLS 1.3
        // the client may only see the connection close).
        assertThatThrownBy(() -> new Raw(lab.sepps.files.get("rogue"), ipx.address(), IpxLab.IPX_ID))
                .isInstanceOf(java.util.concurrent.ExecutionException.class);
        assertThat(ipx.meters().find("keygate_sbi_tls_handshake_failures_total").tag("server", "ipx-ipx").counter()
                .count()).isEqualTo(1);
    }

    @Test
    void theHomeSeppRefusesAnIntermediaryThatIsNotItsPartnersIpx() throws Exception {
        // Same IPX root, another name: TLS accepts the chain, the SEPP does not accept it as visited's IPX.
        TlsKeyMaterial other = lab.issued("rogue-ipx.example.org");
        MutualTls tls = MutualTls.builder().keyMaterial(other).trustAnchors(PlmnTrustAnchors.builder()
                .add(TestSepps.HOME_PLMN, lab.ca("home")).build()).build();
        N32fProtector sender = new N32fProtector(visited.contexts().current("home").orElseThrow().prins());
        byte[] msg = SbiJson.write(sender.protectRequest(request(), EncryptionPlan.none(), "0"));
        try (Raw raw = new Raw(tls, home.n32fAddress().orElseThrow(), TestSepps.HOME_PLMN.seppFqdn())) {
            SbiResponse r = raw.send(SbiRequest.json("POST", N32fProcessHandler.PROCESS, msg), homeAuthority());
            assertProblem(r, 403, "N32F_PEER_NOT_AUTHORIZED");
            OpenApiConformance.assertValidN32fProblem(403, new String(r.body(), StandardCharsets.UTF_8));
        }
        // The genuine IPX identity, with the same message, is accepted.
        MutualTls genuine = MutualTls.builder().keyMaterial(lab.ipxKeys).trustAnchors(PlmnTrustAnchors.builder()
                .add(TestSepps.HOME_PLMN, lab.ca("home")).build()).build();
        try (Raw raw = new Raw(genuine, home.n32fAddress().orElseThrow(), TestSepps.HOME_PLMN.seppFqdn())) {
            SbiResponse r = raw.send(SbiRequest.json("POST", N32fProcessHandler.PROCESS, msg), homeAuthority());
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void anIntermediaryUnderAnotherRootFailsTheTlsHandshakeWithTheHomeSepp() throws Exception {
        LabCa otherRoot = LabCa.create("other IPX root", java.time.Duration.ofDays(1));
        LabCa.Issued i = otherRoot.issue(List.of(IpxLab.IPX_ID), List.of(java.net.InetAddress.getLoopbackAddress()));
        MutualTls tls = MutualTls.builder().keyMaterial(new TlsKeyMaterial(i.keyPair().getPrivate(),
                List.of(i.certificate(), otherRoot.certificate()))).trustAnchors(PlmnTrustAnchors.builder()
                .add(TestSepps.HOME_PLMN, lab.ca("home")).build()).build();
        assertThatThrownBy(() -> {
            try (Raw raw = new Raw(tls, home.n32fAddress().orElseThrow(), TestSepps.HOME_PLMN.seppFqdn())) {
                // TLS 1.3: the server's refusal of the client certificate arrives after the client's Finished.
                raw.send(new SbiRequest("OPTIONS", N32fProcessHandler.PROCESS, SbiHeaders.empty(), null),
                        homeAuthority());
            }
        }).isInstanceOf(Exception.class);
        assertThat(home.meters().find("keygate_sbi_tls_handshake_failures_total").tag("server", "n32f-home")
                .counter().count()).isEqualTo(1);
    }

    private static SbiRequest json(String body) {
        return SbiRequest.json("POST", N32fProcessHandler.PROCESS, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(SbiResponse r, int status, String cause) {
        assertThat(r.status()).isEqualTo(status);
        if (status != 405) {
            // TS 29.573 lists no 405 answer for POST n32f-process, so there is no schema to hold it to.
            OpenApiConformance.assertValidN32fProblem(status, new String(r.body(), StandardCharsets.UTF_8));
        }
        assertThat(r.contentType()).contains(SbiResponse.PROBLEM_JSON);
        assertThat(SbiJson.read(r.body(), ProblemDetails.class).cause()).isEqualTo(cause);
    }

    /** One HTTP/2 connection with the given identity to {@code address}, dialling {@code name}. */
    private final class Raw implements AutoCloseable {
        final SbiClient client;
        final SbiClientConnection connection;

        /** A SEPP's lab files, dialling the IPX. */
        Raw(org.keygate.tls.pki.LabSeppFiles files, InetSocketAddress address, String name)
                throws Exception {
            this(MutualTls.builder().keyMaterial(TlsKeyMaterial.load(files.certChain(), files.privateKey()))
                    .intermediaryAnchors(List.of(lab.ipxCa)).build(), address, name);
        }

        Raw(MutualTls tls, InetSocketAddress address, String name) throws Exception {
            client = SbiClient.builder().tls(tls.sslContext()).build();
            try {
                connection = client.connect(address, tls.clientParameters(name)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                client.close();
                throw e;
            }
        }

        SbiResponse send(SbiRequest r, String authority) throws Exception {
            return connection.send(r, authority, "https").get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            connection.close();
            client.close();
        }
    }
}
