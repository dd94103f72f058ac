package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.client.SbiClient;
import org.keygate.sbi.client.SbiClientConnection;
import org.keygate.sbi.config.ReloadOutcome;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.lab.FreePorts;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.sepp.n32f.forward.N32fInbound;
import org.keygate.sepp.n32f.forward.TlsModeHandler;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;

/**
 * TLS mode in a cluster (docs/CLUSTER.md, "TLS mode"), two home instances in this JVM on a real etcd, the visited SEPP
 * as the partner: a TLS-mode agreement made at one instance is honoured at the other (its entry in etcd: no key, on a
 * lease of its own until the agreement's expiry), outlives its maker, and ends at every instance when the partner
 * ends it at any one or a reload removes the partner at one; as the sending side, the partner's TLS-mode N32-f goes
 * to the address the owner announced.
 */
class ClusterTlsModeTest {
    static final String GENERATE =
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";
    static final String UDM_ROOT = "http://udm.5gc.mnc001.mcc001.3gppnetwork.org";
    static final byte[] BODY = ("{\"servingNetworkName\":\"5G:mnc099.mcc999.3gppnetwork.org\","
            + "\"ausfInstanceId\":\"1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1\"}").getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @AutoClose
    HomeInstances cluster;
    TestSepps sepps;
    SeppNode a;
    SeppNode b;
    SeppNode visited;
    VisitedClient partner;
    final List<String> deliveredBy = new CopyOnWriteArrayList<>();

    @BeforeEach
    void pki() throws Exception {
        sepps = new TestSepps(dir);
        cluster = HomeInstances.onNewEtcd(dir, Duration.ofSeconds(3), Duration.ofSeconds(2));
        partner = new VisitedClient(sepps);
    }

    /** a and b; the visited SEPP handshakes with a (N32-c) and sends N32-f to b. */
    private void startSplit() throws Exception {
        SeppConfig home = sepps.home(TestSepps.TLS_FIRST);
        a = cluster.start(home, "a", answerAs("a"));
        b = cluster.start(home, "b", answerAs("b"));
        visited = cluster.visited(HomeInstances.visitedSplit(sepps.visited(TestSepps.TLS_FIRST), a, b));
    }

    private N32fInbound answerAs(String instance) {
        return (context, request, messageId) -> {
            deliveredBy.add(instance);
            return HomeInstances.ok(SbiJson.mapper().createObjectNode().put("deliveredBy", instance));
        };
    }

    private HttpResponse<String> tlsModeTo(SeppNode instance) throws Exception {
        return partner.tlsMode(instance.n32fAddress().orElseThrow(), GENERATE, UDM_ROOT, BODY);
    }

    private N32fContext establishAtA() throws Exception {
        N32fContext context = visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(context.capability()).isEqualTo(SecurityCapability.TLS);
        ClusterRelayTest.await("b sees a's TLS-mode agreement",
                () -> b.cluster().orElseThrow().tlsAgreementOwners("visited").equals(List.of("a")));
        return context;
    }

    private List<KeyValue> agreementsInEtcd(Client c) throws Exception {
        return c.getKVClient().get(ByteSequence.from("/keygate/" + TestSepps.HOME_PLMN.seppFqdn()
                        + "/tls-agreements/visited/", StandardCharsets.UTF_8),
                GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS).getKvs();
    }

    private static double count(SeppNode n, String name, String... tags) {
        var c = n.meters().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void aTlsAgreementMadeAtOneInstanceIsHonouredAtTheOther() throws Exception {
        startSplit();
        // Before any agreement, b refuses the partner's TLS-mode N32-f: it should negotiate first.
        HttpResponse<String> before = tlsModeTo(b);
        assertThat(before.statusCode()).isEqualTo(403);
        assertThat(before.body()).contains(TlsModeHandler.NOT_ESTABLISHED);

        establishAtA();
        assertThat(b.contexts().forPeer("visited")).as("b negotiated nothing itself").isEmpty();
        try (Client c = Client.builder().endpoints(cluster.etcd.endpoint()).build()) {
            List<KeyValue> entries = agreementsInEtcd(c);
            assertThat(entries).hasSize(1);
            JsonNode entry = SbiJson.mapper().readTree(entries.getFirst().getValue().getBytes());
            assertThat(entry.properties().stream().map(Map.Entry::getKey).toList()).containsExactlyInAnyOrder(
                    "owner", "partner", "mechanism", "role", "n32cPlmnIds", "createdAt", "expiresAt");
            assertThat(entry.path("owner").asText()).isEqualTo("a");
            assertThat(entry.path("partner").asText()).isEqualTo("visited");
            assertThat(entry.path("mechanism").asText()).isEqualTo("TLS");
            assertThat(entry.path("role").asText()).isEqualTo("RESPONDER");
            // The visited SEPP's N32-c certificate carries 999-99 (TestSepps' lab PKI).
            assertThat(entry.path("n32cPlmnIds").toString()).isEqualTo("[\"999-99\"]");
            // On a lease of its own that ends with the agreement (the lab's context lifetime is 1 h), not on a's
            // membership lease (3 s).
            long lease = entries.getFirst().getLease();
            assertThat(lease).isNotZero();
            long ttl = c.getLeaseClient().timeToLive(lease, LeaseOption.DEFAULT).get(10, TimeUnit.SECONDS).getTTL();
            assertThat(ttl).isBetween(3_000L, 3_600L);
        }

        HttpResponse<String> atB = tlsModeTo(b);

        assertThat(atB.statusCode()).as(atB.body()).isEqualTo(200);
        assertThat(SbiJson.mapper().readTree(atB.body()).path("deliveredBy").asText()).isEqualTo("b");
        assertThat(deliveredBy).containsExactly("b");
        assertThat(count(b, "keygate_n32f_messages_total", "direction", "in")).isEqualTo(1.0);
    }

    @Test
    void theAgreementOutlivesTheInstanceThatMadeIt() throws Exception {
        startSplit();
        establishAtA();

        // a's cluster link stops as in a crash: its lease is no longer renewed, etcd drops it within 3 s.
        a.cluster().orElseThrow().abandon();
        ClusterRelayTest.await("b sees a leave", () -> !b.cluster().orElseThrow().isMember("a"));

        assertThat(b.cluster().orElseThrow().tlsAgreementOwners("visited")).containsExactly("a");
        HttpResponse<String> atB = tlsModeTo(b);
        assertThat(atB.statusCode()).as(atB.body()).isEqualTo(200);
        assertThat(deliveredBy).containsExactly("b");
    }

    @Test
    void endingTheAgreementAtAnyInstanceEndsItAtEvery() throws Exception {
        startSplit();
        establishAtA();
        assertThat(tlsModeTo(a).statusCode()).isEqualTo(200);
        assertThat(tlsModeTo(b).statusCode()).isEqualTo(200);

        // TS 29.573 6.1.6.3.3: the partner offers only NONE, which ends the agreement; the load balancer took it to b.
        var none = partner.post(b.n32cAddress(), "/n32c-handshake/v1/exchange-capability", ("{\"sender\":\""
                + TestSepps.VISITED_PLMN.seppFqdn() + "\",\"supportedSecCapabilityList\":[\"NONE\"]}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
        assertThat(SbiJson.mapper().readTree(none.body()).path("selectedSecCapability").asText()).isEqualTo("NONE");

        ClusterRelayTest.await("a ended its own agreement", () -> a.contexts().forPeer("visited").isEmpty());
        ClusterRelayTest.await("b forgot a's agreement",
                () -> b.cluster().orElseThrow().tlsAgreementOwners("visited").isEmpty());
        try (Client c = Client.builder().endpoints(cluster.etcd.endpoint()).build()) {
            assertThat(agreementsInEtcd(c)).isEmpty();
        }
        for (SeppNode instance : List.of(a, b)) {
            HttpResponse<String> after = tlsModeTo(instance);
            assertThat(after.statusCode()).isEqualTo(403);
            assertThat(after.body()).contains(TlsModeHandler.NOT_ESTABLISHED);
        }
        assertThat(deliveredBy).containsExactly("a", "b");
    }

    @Test
    void aReloadThatRemovesThePartnerAtOneInstanceEndsItsAgreementAtEvery() throws Exception {
        startSplit();
        establishAtA();
        assertThat(tlsModeTo(a).statusCode()).isEqualTo(200);

        // b's configuration no longer has the partner "visited" (its entry now names another partner): b retires it.
        SeppConfig running = b.config();
        PeerSepp p = running.peers().getFirst();
        PeerSepp other = new PeerSepp("visited-2", p.fqdn(), p.plmnIds(), p.n32cAddress(), p.trustAnchor(),
                p.initiate(), p.n32fAddress(), p.protectionPolicy(), p.intermediary());
        assertThat(b.reload(new SeppConfig(running.name(), running.n32c(), running.n32cListener(), running.admin(),
                running.keyMaterial(), running.tlsProtocols(), running.handshakeRetry(), List.of(other),
                running.n32fListener(), running.homeNfs(), running.sbiListener(), running.edge(), running.h2(),
                running.drainTimeout(), running.revocation(), running.cluster())))
                .isInstanceOf(ReloadOutcome.Applied.class);

        ClusterRelayTest.await("a ended its own agreement", () -> a.contexts().forPeer("visited").isEmpty());
        ClusterRelayTest.await("a forgot it", () -> a.cluster().orElseThrow().tlsAgreementOwners("visited").isEmpty());
        HttpResponse<String> atA = tlsModeTo(a);
        assertThat(atA.statusCode()).isEqualTo(403);
        assertThat(atA.body()).contains(TlsModeHandler.NOT_ESTABLISHED);
        assertThat(deliveredBy).containsExactly("a");
    }

    @Test
    void theSendingSideFollowsTheAddressTheOwnerAnnounced() throws Exception {
        SeppConfig home = sepps.home(TestSepps.TLS_FIRST);
        int[] ports = FreePorts.loopback(2); // a's own N32-f address; the visited SEPP's own-NF listener
        a = cluster.startAnnouncing(home, "a", answerAs("a"), ports[0]);
        b = cluster.start(home, "b", answerAs("b"));
        // Configured: N32-c to a, N32-f to b; a announces its own N32-f address in exchange-capability.
        visited = cluster.visited(HomeInstances.visitedSplit(
                TestSepps.withOwnNfListener(sepps.visited(TestSepps.TLS_FIRST), ports[1], false), a, b));

        SbiResponse answer;
        try (SbiClient client = SbiClient.builder().cleartext().requestTimeout(Duration.ofSeconds(20)).build()) {
            SbiClientConnection c = client.connect(visited.sbiAddress().orElseThrow(), null).get(10, TimeUnit.SECONDS);
            answer = c.send(new SbiRequest("POST", GENERATE, SbiHeaders.of("content-type", "application/json",
                    "3gpp-sbi-target-apiroot", UDM_ROOT), BODY), TestSepps.VISITED_PLMN.seppFqdn(), "http")
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(answer.status()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(visited.contexts().current("home").orElseThrow().capability()).isEqualTo(SecurityCapability.TLS);
        assertThat(deliveredBy).containsExactly("a");
        assertThat(count(b, "keygate_n32f_messages_total", "direction", "in")).isZero();
        assertThat(count(a, "keygate_n32f_messages_total", "direction", "in")).isEqualTo(1.0);
    }
}
