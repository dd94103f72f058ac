package org.keygate.sepp.n32f.forward;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.context.N32fContextState;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sbi.lab.FreePorts;

/**
 * Several N32-f contexts per partner (issue 11 item 6): a partner running two SEPP instances that each negotiate
 * (active-active) keeps both contexts usable, and a sending SEPP whose partner no longer knows the context
 * (CONTEXT_NOT_FOUND: it did not process the request) renegotiates and sends once more.
 */
class SeveralContextsTest {
    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;
    SeppNode visitedA;
    SeppNode visitedB;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        for (SeppNode n : new SeppNode[] {visitedA, visitedB, home}) {
            if (n != null) {
                n.close();
            }
        }
    }

    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        return CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), SbiJson.mapper().createObjectNode()));
    }

    private static ClearRequest request() {
        ObjectNode body = SbiJson.mapper().createObjectNode()
                .put("servingNetworkName", "5G:mnc099.mcc999.3gppnetwork.org")
                .put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        return new ClearRequest("POST", "http", "udm.5gc.mnc001.mcc001.3gppnetwork.org",
                "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data", null,
                List.of(Map.entry("content-type", "application/json"),
                        Map.entry("3gpp-sbi-originating-network-id", "999-99; src: SEPP-"
                                + TestSepps.VISITED_PLMN.seppFqdn())), body);
    }

    /** A second instance of the visited operator's SEPP: same identity, listeners of its own. */
    private SeppConfig secondInstance(SeppConfig c) throws Exception {
        int[] ports = FreePorts.loopback(2);
        return new SeppConfig(c.name(), c.n32c(), TestSepps.listener(ports[0]), c.admin(), c.keyMaterial(),
                c.tlsProtocols(), c.handshakeRetry(), c.peers(), Optional.of(TestSepps.listener(ports[1])),
                c.homeNfs(), c.sbiListener(), c.edge());
    }

    private ClearResponse send(SeppNode from) throws Exception {
        return from.forwarder().forward(from.config().peers().getFirst(), request()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void twoInstancesOfAPartnerEachKeepTheirContext() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC(), this::answer);
        visitedA = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visitedB = SeppNode.start(secondInstance(sepps.visited(TestSepps.PRINS_FIRST)), Clock.systemUTC());
        visitedA.establish("home").get(30, TimeUnit.SECONDS);
        visitedB.establish("home").get(30, TimeUnit.SECONDS);

        assertThat(home.contexts().forPeer("visited")).hasSize(2)
                .allSatisfy(c -> assertThat(c.state()).isEqualTo(N32fContextState.ESTABLISHED));
        assertThat(send(visitedA).status()).isEqualTo(200);
        assertThat(send(visitedB).status()).isEqualTo(200);
        assertThat(send(visitedA).status()).isEqualTo(200);
        assertThat(delivered).hasSize(3);
        // Each instance's own context carried it: none was refused and sent again.
        assertThat(visitedA.meters().find("keygate_n32f_resends_total").counter()).isNull();
        assertThat(visitedB.meters().find("keygate_n32f_resends_total").counter()).isNull();
        // Terminating the partner ends every context with it here (an n32f-terminate for each; instance A, at the
        // partner's configured N32-c address, does not know B's context and answers 404 for it).
        home.terminate("visited").handle((ok, e) -> null).get(30, TimeUnit.SECONDS);
        assertThat(home.contexts().forPeer("visited")).isEmpty();
    }

    @Test
    void aPartnerThatLostTheContextGetsTheRequestOnceMoreOnANewOne() throws Exception {
        sepps = new TestSepps(dir);
        SeppConfig homeConfig = sepps.home(TestSepps.PRINS_FIRST);
        home = SeppNode.start(homeConfig, Clock.systemUTC(), this::answer);
        visitedA = SeppNode.start(sepps.visited(TestSepps.PRINS_FIRST), Clock.systemUTC());
        visitedA.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(send(visitedA).status()).isEqualTo(200);
        // The home SEPP restarts: its contexts are gone.
        home.close();
        home = SeppNode.start(homeConfig, Clock.systemUTC(), this::answer);

        ClearResponse got = send(visitedA);

        assertThat(got.status()).isEqualTo(200);
        assertThat(delivered).hasSize(2);
        assertThat(visitedA.meters().counter("keygate_n32f_resends_total", "peer", "home").count()).isEqualTo(1.0);
        assertThat(home.contexts().forPeer("visited")).hasSize(1);
    }
}
