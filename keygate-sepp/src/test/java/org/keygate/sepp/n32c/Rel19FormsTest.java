package org.keygate.sepp.n32c;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sbi.json.SbiJson;
import org.keygate.sbi.OpenApiConformance;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.n32.n32c.model.SecNegotiateReqData;
import org.keygate.n32.n32c.model.SecNegotiateRspData;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.PemFiles;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * The Rel-19 N32 Handshake API (1.4.0) swapped {@code senderN32fPort} and {@code senderN32fPortList} between
 * request and answer and added {@code n32KeepaliveTimer}. keygate accepts either form and sends both port members,
 * each valid for its release's schema; the keepalive timer agreed is the shorter one.
 */
class Rel19FormsTest {
    @TempDir
    Path dir;

    TestSepps sepps;
    SeppNode home;

    @AfterEach
    void stop() {
        if (home != null) {
            home.close();
        }
    }

    private static SeppConfig announcing(SeppConfig c, int n32fPort, Duration keepalive) {
        N32cSettings n = c.n32c();
        return TestSepps.withN32c(c, new N32cSettings(n.fqdn(), n.plmnIds(), n.capabilities(), n.jweCipherSuites(),
                n.jwsCipherSuites(), n.protectionPolicy(), n.ipxProviders(), n.requiredPeerEncryption(),
                n.onPolicyMismatch(), n.contextLifetime(), n.n32fFqdn(), n32fPort, Optional.of(keepalive)));
    }

    private HttpResponse<String> post(String body) throws Exception {
        var f = sepps.files.get("visited");
        MutualTls tls = MutualTls.builder().keyMaterial(TlsKeyMaterial.load(f.certChain(), f.privateKey()))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestSepps.HOME_PLMN,
                        PemFiles.readCertificates(sepps.files.get("home").caCert()).getFirst()).build())
                .protocols(List.of("TLSv1.3")).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + home.n32cAddress().getPort()
                        + "/n32c-handshake/v1/exchange-capability")).timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRel19InitiatorIsUnderstoodAndGetsAnAnswerBothReleasesRead() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(announcing(sepps.home(TestSepps.PRINS_FIRST), 29573, Duration.ofSeconds(60)),
                Clock.systemUTC());
        String rel19 = "{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn() + "\",\"supportedSecCapabilityList\":"
                + "[\"TLS\"],\"senderN32fFqdn\":\"" + TestSepps.VISITED_PLMN.seppFqdn() + "\","
                + "\"senderN32fPortList\":[8443],\"n32KeepaliveTimer\":30,\"n32HandshakeId\":\"0123456789abcdef\"}";
        assertThat(OpenApiConformance.rel19Request(rel19).getMessages()).isEmpty();

        HttpResponse<String> rsp = post(rel19);

        assertThat(rsp.statusCode()).isEqualTo(200);
        SecNegotiateRspData answer = SbiJson.read(rsp.body().getBytes(), SecNegotiateRspData.class);
        OpenApiConformance.assertValidCapabilityInBothReleases(false, answer);
        JsonNode json = SbiJson.read(rsp.body().getBytes(), JsonNode.class);
        assertThat(json.path("senderN32fPort").asInt()).isEqualTo(29573); // Rel-19's answer member
        assertThat(json.path("senderN32fPortList").get(0).asInt()).isEqualTo(29573); // Rel-18's
        assertThat(json.path("n32KeepaliveTimer").asInt()).isEqualTo(30); // the shorter of 30 and 60
    }

    @Test
    void aBadRel19MemberIsRefusedByName() throws Exception {
        sepps = new TestSepps(dir);
        home = SeppNode.start(sepps.home(TestSepps.PRINS_FIRST), Clock.systemUTC());
        HttpResponse<String> rsp = post("{\"sender\":\"" + TestSepps.VISITED_PLMN.seppFqdn()
                + "\",\"supportedSecCapabilityList\":[\"TLS\"],\"senderN32fPortList\":[70000]}");
        assertThat(rsp.statusCode()).isEqualTo(400);
        assertThat(rsp.body()).contains("/senderN32fPortList/0");
    }

    @Test
    void keygateAsInitiatorSendsBothPortMembersAndItsKeepalive() throws Exception {
        sepps = new TestSepps(dir);
        SeppConfig visited = announcing(sepps.visited(TestSepps.PRINS_FIRST), 8443, Duration.ofSeconds(45));
        var h = new InMemoryHandshake(visited, announcing(sepps.home(TestSepps.PRINS_FIRST), 29573,
                Duration.ofSeconds(60)), InMemoryHandshake.leaf(sepps.files.get("visited").certChain()),
                InMemoryHandshake.leaf(sepps.files.get("home").certChain()));
        h.run();
        SecNegotiateReqData sent = (SecNegotiateReqData) h.exchanges.getFirst().request();
        assertThat(sent.senderN32fPort()).isEqualTo(8443);
        assertThat(sent.senderN32fPortList()).containsExactly(8443);
        assertThat(sent.n32KeepaliveTimer()).isEqualTo(45);
        OpenApiConformance.assertValidCapabilityInBothReleases(true, sent);
        SecNegotiateRspData answer = (SecNegotiateRspData) h.exchanges.getFirst().response();
        assertThat(answer.n32fPorts()).containsExactly(29573);
        assertThat(answer.n32KeepaliveTimer()).isEqualTo(45);
        OpenApiConformance.assertValidCapabilityInBothReleases(false, answer);
    }
}
