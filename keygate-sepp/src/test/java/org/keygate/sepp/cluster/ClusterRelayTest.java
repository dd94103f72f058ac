package org.keygate.sepp.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.context.N32fContext;
import org.keygate.sepp.n32f.forward.N32fWireTap;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;

/**
 * Two instances of the home SEPP on a real etcd, in this JVM: the context directory in etcd (owner, partner,
 * mechanism, expiry; no key), a message reaching the instance that does not own its context relayed to the owner,
 * which alone decrypts and answers; a replay through either instance refused; an owner that left gives
 * CONTEXT_NOT_FOUND at the other.
 */
class ClusterRelayTest {
    @TempDir
    Path dir;

    @AutoClose
    HomeInstances cluster;
    TestSepps sepps;
    SeppNode a;
    SeppNode b;
    SeppNode visited;
    final List<String> deliveredBy = new CopyOnWriteArrayList<>();
    final List<N32fReformattedReqMsg> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sepps = new TestSepps(dir);
        cluster = HomeInstances.onNewEtcd(dir, Duration.ofSeconds(5), Duration.ofSeconds(2));
        SeppConfig home = sepps.home(TestSepps.PRINS_FIRST);
        a = cluster.start(home, "a", answerAs("a"));
        b = cluster.start(home, "b", answerAs("b"));
        // The visited SEPP handshakes with instance a (N32-c) and sends N32-f to instance b.
        visited = cluster.visited(HomeInstances.visitedSplit(sepps.visited(TestSepps.PRINS_FIRST), a, b));
        visited.tapN32f(new N32fWireTap() {
            @Override
            public void sent(PeerSepp peer, N32fReformattedReqMsg request) {
                sent.add(request);
            }
        });
    }

    private org.keygate.sepp.n32f.forward.N32fInbound answerAs(String instance) {
        return (N32fContext context, ClearRequest request, String messageId) -> {
            deliveredBy.add(instance);
            return HomeInstances.ok(SbiJson.mapper().createObjectNode().put("deliveredBy", instance));
        };
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

    private CompletableFuture<ClearResponse> send() {
        return visited.forwarder().forward(visited.config().peers().getFirst(), request());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    private static double count(SeppNode n, String name, String... tags) {
        var c = n.meters().find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theDirectoryNamesTheOwnerAndNoKeys() throws Exception {
        N32fContext atA = visited.establish("home").get(30, TimeUnit.SECONDS);
        String id = atA.remoteContextId().orElseThrow().value(); // a's own ID for the context
        try (Client c = Client.builder().endpoints(cluster.etcd.endpoint()).build()) {
            var got = c.getKVClient().get(ByteSequence.from("/keygate/" + TestSepps.HOME_PLMN.seppFqdn()
                    + "/contexts/" + id, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            assertThat(got.getKvs()).hasSize(1);
            JsonNode entry = SbiJson.mapper().readTree(got.getKvs().getFirst().getValue().getBytes());
            assertThat(entry.properties().stream().map(Map.Entry::getKey).toList())
                    .containsExactlyInAnyOrder("owner", "partner", "mechanism", "expiresAt");
            assertThat(entry.path("owner").asText()).isEqualTo("a");
            assertThat(entry.path("partner").asText()).isEqualTo("visited");
            assertThat(entry.path("mechanism").asText()).isEqualTo("PRINS");
            assertThat(got.getKvs().getFirst().getLease()).as("on the owner's lease").isNotZero();
            var members = c.getKVClient().get(ByteSequence.from("/keygate/" + TestSepps.HOME_PLMN.seppFqdn()
                    + "/members/", StandardCharsets.UTF_8), GetOption.builder().isPrefix(true).build())
                    .get(10, TimeUnit.SECONDS);
            assertThat(members.getKvs()).hasSize(2);

            // Ended (terminated by the partner): the entry is removed.
            visited.terminate("home").get(30, TimeUnit.SECONDS);
            await("the directory entry removed", () -> {
                try {
                    return c.getKVClient().get(ByteSequence.from("/keygate/" + TestSepps.HOME_PLMN.seppFqdn()
                            + "/contexts/" + id, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS).getCount() == 0;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    @Test
    void aMessageForAnotherInstancesContextIsRelayedToItsOwner() throws Exception {
        N32fContext context = visited.establish("home").get(30, TimeUnit.SECONDS);
        String id = context.remoteContextId().orElseThrow().value();
        await("b sees a as the owner", () -> b.cluster().orElseThrow().ownerOf(id).equals(Optional.of("a")));

        ClearResponse answer = send().get(30, TimeUnit.SECONDS);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("deliveredBy").asText()).isEqualTo("a");
        assertThat(deliveredBy).containsExactly("a");
        assertThat(count(b, "keygate_cluster_relays_total", "outcome", "relayed")).isEqualTo(1.0);
        assertThat(count(a, "keygate_n32f_messages_total", "direction", "in")).isEqualTo(1.0);
        assertThat(count(b, "keygate_n32f_messages_total", "direction", "in")).isZero();

        // The same message once more, to either instance: the owner's replay window refuses it (TS 33.501 13.2.4.4.1).
        byte[] first = SbiJson.write(sent.getFirst());
        VisitedClient partner = new VisitedClient(sepps);
        var viaB = partner.process(b.n32fAddress().orElseThrow(), first);
        var atOwner = partner.process(a.n32fAddress().orElseThrow(), first);
        assertThat(viaB.statusCode()).isEqualTo(403);
        assertThat(viaB.body()).contains("INTEGRITY_CHECK_FAILED");
        assertThat(atOwner.statusCode()).isEqualTo(403);
        assertThat(deliveredBy).containsExactly("a");
    }

    @Test
    void anOwnerThatIsGoneIsContextNotFoundAtTheOthers() throws Exception {
        N32fContext context = visited.establish("home").get(30, TimeUnit.SECONDS);
        String id = context.remoteContextId().orElseThrow().value();
        await("b sees a as the owner", () -> b.cluster().orElseThrow().ownerOf(id).equals(Optional.of("a")));
        var protector = new org.keygate.n32.n32f.prins.N32fProtector(context.prins());
        var none = org.keygate.n32.n32f.reformat.EncryptionPlan.none();
        VisitedClient partner = new VisitedClient(sepps);

        // a's cluster link stops as in a crash: its internal listener is gone, its lease is no longer renewed.
        a.cluster().orElseThrow().abandon();
        var unreachable = partner.process(b.n32fAddress().orElseThrow(),
                SbiJson.write(protector.protectRequest(request(), none, "0")));
        assertThat(unreachable.statusCode()).isEqualTo(403);
        assertThat(unreachable.body()).contains("CONTEXT_NOT_FOUND");
        assertThat(count(b, "keygate_cluster_relays_total", "outcome", "unreachable")).isEqualTo(1.0);

        // Within the lease TTL (5 s) etcd drops a, and its directory entries with it.
        await("b sees a leave", () -> !b.cluster().orElseThrow().isMember("a"));
        await("a's entries gone", () -> b.cluster().orElseThrow().ownerOf(id).isEmpty());
        var gone = partner.process(b.n32fAddress().orElseThrow(),
                SbiJson.write(protector.protectRequest(request(), none, "1")));
        assertThat(gone.statusCode()).isEqualTo(403);
        assertThat(gone.body()).contains("CONTEXT_NOT_FOUND");
        assertThat(deliveredBy).isEmpty();
    }

    @Test
    void terminateAndErrorReachingAnotherInstanceEndTheContextAtItsOwner() throws Exception {
        N32fContext first = visited.establish("home").get(30, TimeUnit.SECONDS);
        String id = first.remoteContextId().orElseThrow().value(); // a's own ID, as keygate names it (DESIGN.md)
        await("b sees a as the owner", () -> b.cluster().orElseThrow().ownerOf(id).equals(Optional.of("a")));
        VisitedClient partner = new VisitedClient(sepps);
        String n32c = "/n32c-handshake/v1/";

        // TS 29.573 5.2.4: n32f-terminate lands at b (the load balancer's choice); a, the owner, ends the context and
        // answers with the other SEPP's ID for it: the visited SEPP's own.
        var terminated = partner.post(b.n32cAddress(), n32c + "n32f-terminate",
                ("{\"n32fContextId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(terminated.statusCode()).as(terminated.body()).isEqualTo(200);
        assertThat(SbiJson.mapper().readTree(terminated.body()).path("n32fContextId").asText())
                .isEqualTo(first.localContextId().orElseThrow().value());
        assertThat(a.contexts().byLocalId(first.remoteContextId().orElseThrow())).as("ended at the owner").isEmpty();
        assertThat(count(b, "keygate_cluster_relays_total", "outcome", "relayed")).isEqualTo(1.0);

        // TS 29.573 5.2.5: an n32f-error saying the partner lost a context ends it at its owner too.
        N32fContext second = visited.establish("home").get(30, TimeUnit.SECONDS);
        String id2 = second.remoteContextId().orElseThrow().value();
        await("b sees a as the owner", () -> b.cluster().orElseThrow().ownerOf(id2).equals(Optional.of("a")));
        assertThat(a.contexts().byLocalId(second.remoteContextId().orElseThrow())).isPresent();
        var error = partner.post(b.n32cAddress(), n32c + "n32f-error", ("{\"n32fMessageId\":\"1\","
                + "\"n32fErrorType\":\"CONTEXT_NOT_FOUND\",\"n32fContextId\":\"" + id2 + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(error.statusCode()).as(error.body()).isEqualTo(204);
        assertThat(a.contexts().byLocalId(second.remoteContextId().orElseThrow())).as("ended at the owner").isEmpty();
        assertThat(count(b, "keygate_cluster_relays_total", "outcome", "relayed")).isEqualTo(2.0);

        // A context no instance holds (no directory entry): the ordinary 404 at b, nothing relayed.
        var unknown = partner.post(b.n32cAddress(), n32c + "n32f-terminate",
                "{\"n32fContextId\":\"00000000000000aa\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("CONTEXT_NOT_FOUND");
        assertThat(count(b, "keygate_cluster_relays_total", "outcome", "relayed")).isEqualTo(2.0);
    }
}
