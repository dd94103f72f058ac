package org.keygate.sepp.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.n32.policy.ProtectionPolicyCheck;
import org.keygate.sbi.lab.FreePorts;

/**
 * Issue 19, item 4: two real SEPPs where the visited one sends N32-f to the home SEPP's N32-c address, as SEPPs that
 * ignore senderN32fFqdn/senderN32fPortList do: PRINS ({@code n32f-process}) is served there whether or not the home
 * SEPP has an N32-f listener; TLS mode too when it has none (one address for both).
 */
class N32fOnN32cListenerTest {
    @TempDir
    Path dir;
    TestSepps sepps;
    SeppNode home;
    SeppNode visited;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void pki() throws Exception {
        sepps = new TestSepps(dir);
    }

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    private CompletableFuture<ClearResponse> nf(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode body = SbiJson.mapper().createObjectNode().put("supi", "imsi-001010000000001");
        return CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), body));
    }

    /** Both SEPPs, the visited one sending N32-f to the home SEPP's N32-c port. */
    private void start(List<SecurityCapability> priority, boolean homeHasN32fListener) throws Exception {
        start(priority, homeHasN32fListener, 0);
    }

    /** {@code visitedSbiPort} not 0: the visited SEPP serves its NFs there (h2c), routing Nudm to home. */
    private void start(List<SecurityCapability> priority, boolean homeHasN32fListener, int visitedSbiPort)
            throws Exception {
        SeppConfig h = sepps.home(priority);
        if (!homeHasN32fListener) {
            h = new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(), h.keyMaterial(), h.tlsProtocols(),
                    h.handshakeRetry(), h.peers(), Optional.empty(), h.homeNfs(), h.sbiListener(), h.edge(), h.h2());
        }
        SeppConfig v = sepps.config("visited", TestSepps.VISITED_PLMN, sepps.visitedPort, priority,
                PolicyMismatchAction.ERROR, ProtectionPolicyCheck.ALWAYS_ENCRYPTED,
                TestSepps.withN32f(sepps.peer("home", TestSepps.HOME_PLMN, sepps.homePort), sepps.homePort))
                .withN32f(TestSepps.listener(sepps.visitedN32fPort), List.of());
        if (visitedSbiPort != 0) {
            v = TestSepps.withOwnNfListener(v, visitedSbiPort, false);
        }
        home = SeppNode.start(h, Clock.systemUTC(), this::nf);
        visited = SeppNode.start(v, Clock.systemUTC(), this::nf);
        visited.establish("home").get(30, TimeUnit.SECONDS);
    }

    private static ClearRequest sdm() {
        return new ClearRequest("GET", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-sdm/v2/imsi-001010000000001/am-data", null,
                List.of(Map.entry("3gpp-sbi-originating-network-id", "999-99; src: SEPP-"
                        + TestSepps.VISITED_PLMN.seppFqdn())), null);
    }

    @Test
    void n32fProcessSentToTheN32cAddressIsServedBesideAnN32fListener() throws Exception {
        start(TestSepps.PRINS_FIRST, true);
        ClearResponse r = visited.forwarder().forward(visited.config().peers().getFirst(), sdm())
                .get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("supi").asText()).isEqualTo("imsi-001010000000001");
        assertThat(delivered).singleElement().satisfies(d -> assertThat(d.path()).endsWith("/am-data"));
    }

    @Test
    void withoutAnN32fListenerTheN32cListenerTakesTlsModeToo() throws Exception {
        int sbiPort = FreePorts.loopback(1)[0];
        start(TestSepps.TLS_FIRST, false, sbiPort);
        try (org.keygate.sbi.client.SbiClient client = org.keygate.sbi.client.SbiClient.builder().cleartext()
                .requestTimeout(java.time.Duration.ofSeconds(20)).build()) {
            var c = client.connect(visited.sbiAddress().orElseThrow(), null).get(10, TimeUnit.SECONDS);
            var r = c.send(new org.keygate.sbi.http.SbiRequest("GET", "/nudm-sdm/v2/imsi-001010000000001/am-data",
                    org.keygate.sbi.http.SbiHeaders.of("3gpp-sbi-target-apiroot",
                            "http://udm.5gc.mnc001.mcc001.3gppnetwork.org"), new byte[0]),
                    "sepp.5gc.mnc099.mcc999.3gppnetwork.org", "http").get(30, TimeUnit.SECONDS);
            assertThat(r.status()).as(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        }
        assertThat(visited.contexts().current("home").orElseThrow().capability()).isEqualTo(SecurityCapability.TLS);
        assertThat(delivered).singleElement().satisfies(d -> assertThat(d.path()).endsWith("/am-data"));
    }

    @Test
    void withoutAnN32fListenerTheN32cListenerTakesPrins() throws Exception {
        start(TestSepps.PRINS_FIRST, false);
        assertThat(home.n32fAddress()).isEmpty();
        ClearResponse r = visited.forwarder().forward(visited.config().peers().getFirst(), sdm())
                .get(30, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        assertThat(delivered).hasSize(1);
    }
}
