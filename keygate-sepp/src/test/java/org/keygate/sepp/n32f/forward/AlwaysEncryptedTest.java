package org.keygate.sepp.n32f.forward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.context.N32fContext;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.n32f.model.N32fReformattedReqMsg;
import org.keygate.n32.n32f.model.N32fReformattedRspMsg;
import org.keygate.n32.n32f.reformat.ClearRequest;
import org.keygate.n32.n32f.reformat.ClearResponse;
import org.keygate.sepp.node.SeppNode;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.n32.policy.ProtectionPolicyCheck;

/**
 * TS 33.501 5.9.3.3 and 13.2.3.6 between two real SEPPs whose configured policy maps none of the always-encrypted
 * IEs: the access token and the authentication vector still never cross N32-f in the clear.
 */
class AlwaysEncryptedTest {
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzY29wZSI6Im51ZG0tdWVhdSJ9.c2lnbmF0dXJlLW9mLXRoZS1ucmY";
    private static final String AV_RAND = "0c5a7e6f3fe61a3d3f4e2bd6a2f0a6c1";
    private static final String PATH =
            "/nudm-ueau/v1/imsi-001010000000001/security-information/generate-auth-data";

    @TempDir
    Path dir;

    SeppNode home;
    SeppNode visited;
    final List<ClearRequest> delivered = new CopyOnWriteArrayList<>();
    final List<String> wire = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (visited != null) {
            visited.close();
        }
        if (home != null) {
            home.close();
        }
    }

    private CompletableFuture<ClearResponse> answer(N32fContext context, ClearRequest request, String messageId) {
        delivered.add(request);
        ObjectNode av = SbiJson.mapper().createObjectNode().put("authType", "5G_AKA");
        av.putObject("authenticationVector").put("avType", "5G_HE_AKA").put("rand", AV_RAND)
                .put("xresStar", "1b1e7aa6c4f2a6f3fa2c7e54d2c06bb5").put("autn", "a3f1e7bc3a2d8000b4c1e2d3f4a5b6c7")
                .put("kausf", "6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e6bc2b0b83f2c5a5a1d0b3a3c7e0f9d8e");
        return CompletableFuture.completedFuture(new ClearResponse(200,
                List.of(Map.entry("content-type", "application/json")), av));
    }

    @Test
    void theTokenAndTheVectorAreEncryptedWhateverThePolicyMaps() throws Exception {
        // Both operators configured a policy that maps one unrelated IE (TS 33.501 13.2.3.6 level 2).
        ProtectionPolicy bare = new ProtectionPolicy(List.of(new ApiIeMapping(TextNode.valueOf("/{ueId}/am-data"),
                "GET", List.of(new IeInfo("URI_PARAM", "OTHER", "ueId", null, null, null)))),
                List.copyOf(ProtectionPolicyCheck.ALWAYS_ENCRYPTED));
        TestSepps sepps = new TestSepps(dir);
        home = SeppNode.start(TestSepps.withPolicy(sepps.home(TestSepps.PRINS_FIRST), bare), Clock.systemUTC(),
                this::answer);
        visited = SeppNode.start(TestSepps.withPolicy(sepps.visited(TestSepps.PRINS_FIRST), bare),
                Clock.systemUTC(), this::answer);
        visited.establish("home").get(30, TimeUnit.SECONDS);
        visited.forwarder().tap(new N32fWireTap() {
            @Override
            public void sent(PeerSepp peer, N32fReformattedReqMsg request) {
                OpenApiConformance.assertValidN32fRequest(request);
                wire.add(new String(SbiJson.write(request), StandardCharsets.UTF_8));
            }

            @Override
            public void answered(PeerSepp peer, N32fReformattedRspMsg response) {
                OpenApiConformance.assertValidN32fResponse(response);
                wire.add(new String(SbiJson.write(response), StandardCharsets.UTF_8));
            }
        });
        ObjectNode body = SbiJson.mapper().createObjectNode().put("servingNetworkName",
                "5G:mnc099.mcc999.3gppnetwork.org").put("ausfInstanceId", "1bd4f3c5-0b53-4d47-b7a6-2ad06f7ac2d1");
        ClearRequest sent = new ClearRequest("POST", "https", "udm.5gc.mnc001.mcc001.3gppnetwork.org", PATH, null,
                List.of(Map.entry("content-type", "application/json"),
                        Map.entry("authorization", "Bearer " + TOKEN),
                        Map.entry("3gpp-sbi-originating-network-id", "999-99; src: SEPP-"
                                + TestSepps.VISITED_PLMN.seppFqdn())), body);

        ClearResponse got = visited.forwarder().forward(visited.config().peers().getFirst(), sent)
                .get(30, TimeUnit.SECONDS);

        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body().path("authenticationVector").path("rand").asText()).isEqualTo(AV_RAND);
        assertThat(delivered).singleElement().satisfies(r -> assertThat(r.headers())
                .contains(Map.entry("authorization", "Bearer " + TOKEN)));
        assertThat(wire).hasSize(2);
        assertThat(wire).allSatisfy(w -> assertThat(w).doesNotContain(TOKEN).doesNotContain(AV_RAND));
    }
}
