package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.routing.RoutingFixtures.OWN;
import static org.keygate.sepp.routing.RoutingFixtures.STRANGER;
import static org.keygate.sepp.routing.RoutingFixtures.VISITED;
import static org.keygate.sepp.routing.RoutingFixtures.fqdn;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.server.SbiServer;

/**
 * The router as the gate of a listener on real HTTP/2 sockets: the NF's {@code :authority} reaches the router as
 * the {@code host} header (so telescopic FQDNs work), forwarded requests reach the partner's listener in TLS-mode
 * form (TS 33.501 13.1.1.2: authority = receiving SEPP, target header kept), and a refused request reaches nothing:
 * the partner's listener records every request it gets, and must get none of them.
 */
class RoutingGateTest {
    private static final String UEAU = "/nudm-ueau/v1/imsi-999990000000001/security-information/generate-auth-data";
    private static final List<SbiRequest> partnerReceived = new CopyOnWriteArrayList<>();
    private static TelescopicFqdns telescopic;
    private static SbiServer partner;
    private static SbiServer gate;
    private static SbiClient client;
    private static SbiClientConnection toPartner;
    private static SbiClientConnection nf;

    @BeforeAll
    static void start() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        partner = SbiServer.builder().name("partner").cleartext().bind(any).handler((req, conn) -> {
            partnerReceived.add(req);
            return CompletableFuture.completedFuture(SbiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8)));
        }).build().start();
        client = SbiClient.builder().cleartext().build();
        toPartner = client.connect(partner.localAddress(), null).get(10, TimeUnit.SECONDS);
        RoutingSettings settings = RoutingSettings.builder().ownPlmn(OWN).route("visited", Set.of("nudm-ueau")).build();
        telescopic = new TelescopicFqdns(settings.telescopicDomain(), 10);
        SbiRouter router = new SbiRouter(settings, RoutingFixtures.peers(), telescopic);
        gate = SbiServer.builder().name("csepp").cleartext().bind(any).handler((req, conn) -> switch (router.route(req)) {
            case RoutingDecision.Refuse r -> CompletableFuture.completedFuture(r.response());
            case RoutingDecision.Forward f -> toPartner.send(f.request(), f.tlsAuthority(), "http");
        }).build().start();
        nf = client.connect(gate.localAddress(), null).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        client.close();
        gate.close();
        partner.close();
    }

    @Test
    void refusedRequestsNeverReachThePartner() throws Exception {
        partnerReceived.clear();
        SbiResponse stranger = send(UEAU, "sepp.local", "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", STRANGER));
        assertThat(stranger.status()).isEqualTo(403);
        SbiResponse api = send("/nudm-sdm/v2/imsi-999990000000001/am-data", "sepp.local", "3gpp-Sbi-Target-apiRoot",
                "https://" + fqdn("udm", VISITED));
        assertThat(api.status()).isEqualTo(400);
        assertThat(SbiJson.read(api.body(), JsonNode.class).get("cause").asText()).isEqualTo("INVALID_API");
        assertThat(send(UEAU, "udm.example.org").status()).isEqualTo(400);
        assertThat(partnerReceived).isEmpty();
    }

    @Test
    void forwardedRequestsArriveInTlsModeForm() throws Exception {
        partnerReceived.clear();
        String target = "https://" + fqdn("udm", VISITED);
        assertThat(send(UEAU, "sepp.local", "3gpp-Sbi-Target-apiRoot", target).status()).isEqualTo(200);
        String label = telescopic.labelFor(fqdn("udm", VISITED)).orElseThrow();
        assertThat(send(UEAU, telescopic.telescopicFqdn(label)).status()).isEqualTo(200);
        assertThat(partnerReceived).hasSize(2);
        for (SbiRequest got : partnerReceived) {
            assertThat(got.path()).isEqualTo(UEAU);
            assertThat(got.headers().all("host")).containsExactly(VISITED.seppFqdn());
            assertThat(got.headers().all(SbiRouter.TARGET_API_ROOT)).containsExactly(target);
            assertThat(new String(got.body(), StandardCharsets.UTF_8)).contains("servingNetworkName");
        }
    }

    private static SbiResponse send(String path, String authority, String... headers) throws Exception {
        SbiRequest r = new SbiRequest("POST", path, SbiHeaders.of(headers).with("content-type", "application/json"),
                "{\"servingNetworkName\":\"5G:mnc001.mcc001.3gppnetwork.org\"}".getBytes(StandardCharsets.UTF_8));
        return nf.send(r, authority, "http").get(20, TimeUnit.SECONDS);
    }
}
