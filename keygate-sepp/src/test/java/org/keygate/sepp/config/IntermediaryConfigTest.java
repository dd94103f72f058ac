package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ModificationRule;
import org.keygate.ipx.node.ServedSepp;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.tls.pki.LabPki;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.sbi.config.ConfigException;

/** The SEPP's {@code peers[].ipx} and the IPX node's own file, as docs/IPX.md describes them. */
class IntermediaryConfigTest {
    static final String SEPP = """
            name: visited
            fqdn: sepp.5gc.mnc099.mcc999.3gppnetwork.org
            plmnIds: ["999-99"]
            n32c: {listen: "127.0.0.1:0"}
            tls: {certificateChain: visited/sepp.crt, privateKey: visited/sepp.key}
            ipxProviders:
              - ipxProviderId: ipx.example.org
                rawPublicKeyList: ["KEY"]
            peers:
              - name: home
                fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org
                plmnIds: ["001-01"]
                n32c: 127.0.0.1:7443
                n32f: 127.0.0.1:8443
                trustAnchor: home/ca.crt
                ipx:
                  providerId: ipx.example.org
                  n32f: 127.0.0.1:9443
                  trustAnchor: ipx/ca.crt
            """;

    static final String IPX = """
            name: hub
            providerId: ipx.example.org
            n32f: {listen: "127.0.0.1:0", maxRequestBodyBytes: 1048576}
            admin: {listen: "127.0.0.1:0"}
            tls: {certificateChain: ipx/ipx.crt, privateKey: ipx/ipx.key}
            nextHopTimeout: 3s
            sepps:
              - name: home
                plmnIds: ["001-01"]
                trustAnchor: home/ca.crt
                n32f: {authority: "SEPP.5gc.mnc001.mcc001.3gppnetwork.org:8443", address: "127.0.0.1:8443"}
              - name: visited
                plmnIds: ["999-99"]
                trustAnchor: visited/ca.crt
                n32f: {authority: "sepp.5gc.mnc099.mcc999.3gppnetwork.org:8444", address: "127.0.0.1:8444"}
            modifications:
              signingKey: ipx/ipx.key
              policy: ["/payload/*/value/servingNetworkName"]
              rules:
                - method: post
                  path: /nudm-ueau/v1/*/security-information/generate-auth-data
                  operations:
                    - {op: replace, path: /servingNetworkName, value: "5G:mnc098.mcc999.3gppnetwork.org"}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        new TestSepps(dir);
        LabPki.generateIntermediary(dir, "ipx", "ipx.example.org", Duration.ofDays(1));
    }

    private Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml.replace("[\"KEY\"]", "[\"" + TestSepps.p256PublicKey() + "\"]"));
        return f;
    }

    @Test
    void aPeerReachedThroughAnIpxThatThisSeppAnnouncesIsAuthorized() throws Exception {
        SeppConfig c = SeppConfigLoader.load(write("sepp.yaml", SEPP));
        RoamingIntermediary ipx = c.peers().getFirst().intermediary().orElseThrow();
        assertThat(ipx.providerId()).isEqualTo("ipx.example.org");
        assertThat(ipx.fqdn()).isEqualTo("ipx.example.org");
        assertThat(ipx.n32fAddress().getPort()).isEqualTo(9443);
        assertThat(ipx.authorized()).isTrue();
        assertThat(ipx.trustAnchor().getSubjectX500Principal().getName()).contains("keygate lab IPX root");

        SeppConfig off = SeppConfigLoader.load(write("sepp.yaml", SEPP + "      authorize: false\n"));
        assertThat(off.peers().getFirst().intermediary().orElseThrow().authorized()).isFalse();
        SeppConfig unannounced = SeppConfigLoader.load(write("sepp.yaml", SEPP.replace("ipxProviderId: ipx.example.org",
                "ipxProviderId: other.example.org")));
        assertThat(unannounced.peers().getFirst().intermediary().orElseThrow().authorized()).isFalse();
    }

    @Test
    void badIpxMembersOfAPeerAreRefusedByName() throws Exception {
        assertThatThrownBy(() -> SeppConfigLoader.load(write("sepp.yaml", SEPP.replace("ipxProviderId: ipx.example.org",
                "ipxProviderId: other.example.org") + "      authorize: true\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("peers[0].ipx.authorize: true (expected: false, or ipxProviders listing");
        assertThatThrownBy(() -> SeppConfigLoader.load(write("sepp.yaml", SEPP.replace("n32f: 127.0.0.1:9443",
                "n32f: 127.0.0.1"))))
                .hasMessageContaining("peers[0].ipx.n32f: 127.0.0.1 (expected: host:port)");
        assertThatThrownBy(() -> SeppConfigLoader.load(write("sepp.yaml", SEPP.replace("n32c: {listen", """
                security: {capabilities: [TLS]}
                n32c: {listen"""))))
                .hasMessageContaining("peers[0].ipx: set (expected: security.capabilities with PRINS");
        assertThatThrownBy(() -> SeppConfigLoader.load(write("sepp.yaml", SEPP.replace("trustAnchor: ipx/ca.crt",
                "trustAnchor: ipx/none.crt"))))
                .hasMessageContaining("peers[0].ipx.trustAnchor: ipx/none.crt (expected: a readable file");
        assertThatThrownBy(() -> SeppConfigLoader.load(write("sepp.yaml", SEPP + "      via: x\n")))
                .hasMessageContaining("peers[0].ipx.via");
    }

    @Test
    void theIpxFileIsReadWithItsRoutesAndRules() throws Exception {
        IpxNodeConfig c = IpxConfigLoader.load(write("ipx.yaml", IPX));
        assertThat(c.name()).isEqualTo("hub");
        assertThat(c.providerId()).isEqualTo("ipx.example.org");
        assertThat(c.listener().maxRequestBodyBytes()).isEqualTo(1048576);
        assertThat(c.admin()).isPresent();
        assertThat(c.nextHopTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.sepps()).hasSize(2);
        assertThat(c.sepps().getFirst().nextHop().orElseThrow().authority())
                .isEqualTo("sepp.5gc.mnc001.mcc001.3gppnetwork.org:8443");
        IpxNodeConfig.Modifications m = c.modifications().orElseThrow();
        assertThat(m.policy().modifiablePaths()).containsExactly("/payload/*/value/servingNetworkName");
        assertThat(m.rules().getFirst().method()).contains("POST");
        assertThat(m.toString()).doesNotContain("PRIVATE").doesNotContain(m.signingKey().getS().toString());
        assertThat(IpxConfigLoader.load(write("ipx.yaml", IPX.substring(0, IPX.indexOf("modifications:"))))
                .modifications()).isEmpty();
        assertThat(c.h2()).isEqualTo(new org.keygate.sbi.h2.H2Settings(1 << 20, 8 << 20));
        assertThat(IpxConfigLoader.load(write("ipx.yaml", IPX + "http2: {streamWindowBytes: 4194304, "
                + "connectionWindowBytes: 67108864}\n")).h2())
                .isEqualTo(new org.keygate.sbi.h2.H2Settings(4 << 20, 64 << 20));
        assertThatThrownBy(() -> IpxConfigLoader.load(write("ipx.yaml", IPX + "http2: {connectionWindowBytes: 1}\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http2.connectionWindowBytes: 1 (expected: at least http2.streamWindowBytes");
    }

    /** TS 33.501 13.2.4.5.2: the home operator's IPX (pIPX) reached through the visited operator's (cIPX). */
    @Test
    void routesViaAnotherOperatorsIpxTheRiRoleAndAnswerRulesAreRead() throws Exception {
        String twoHubs = IPX.replace(
                "n32f: {authority: \"SEPP.5gc.mnc001.mcc001.3gppnetwork.org:8443\", address: \"127.0.0.1:8443\"}",
                "n32f:\n"
                + "      authority: \"sepp.5gc.mnc001.mcc001.3gppnetwork.org:8443\"\n"
                + "      address: \"127.0.0.1:9444\"\n"
                + "      via: {fqdn: ipx.home-hub.example.org, trustAnchor: ipx/ca.crt}")
                .replace("address: \"127.0.0.1:8444\"}", "address: \"127.0.0.1:8444\"}\n    ri: true")
                + "    - path: /nudm-ueau/v1/*/security-information/generate-auth-data\n"
                + "      message: answer\n"
                + "      operations: [{op: test, path: /servingNetworkName, value: x}]\n";
        IpxNodeConfig c = IpxConfigLoader.load(write("ipx.yaml", twoHubs));
        ServedSepp home = c.sepps().getFirst();
        assertThat(home.ri()).isFalse();
        assertThat(home.nextHop().orElseThrow().via().orElseThrow().fqdn()).isEqualTo("ipx.home-hub.example.org");
        assertThat(home.nextHop().orElseThrow().address().getPort()).isEqualTo(9444);
        assertThat(c.sepps().get(1).ri()).isTrue();
        assertThat(c.sepps().get(1).nextHop().orElseThrow().via()).isEmpty();
        assertThat(c.modifications().orElseThrow().rules()).extracting(ModificationRule::message)
                .containsExactly(ModificationRule.Message.REQUEST, ModificationRule.Message.ANSWER);

        assertRefused(twoHubs.replace("message: answer", "message: reply"),
                "modifications.rules[1].message: reply (expected: request or answer)");
        assertRefused(twoHubs.replace("via: {fqdn: ipx.home-hub.example.org, trustAnchor: ipx/ca.crt}",
                "via: {fqdn: ipx.home-hub.example.org}"), "sepps[0].n32f.via.trustAnchor");
        assertRefused(twoHubs.replace("via: {fqdn: ipx.home-hub.example.org,", "via: {fqdn: hub,"),
                "sepps[0].n32f.via.fqdn: hub (expected: an FQDN");
        assertRefused(twoHubs.replace("plmnIds: [\"001-01\"]", "plmnIds: [\"001-01\"]\n    ri: true"),
                "sepps[0].ri: true (expected: false for a SEPP reached through another IPX");
    }

    @Test
    void badIpxFilesAreRefusedByName() throws Exception {
        assertRefused(IPX.replace("providerId: ipx.example.org", "providerId: ipx"),
                "providerId: ipx (expected: an FQDN");
        assertRefused(IPX.replace("path: /servingNetworkName", "path: /ausfInstanceId"),
                "modifications.rules[0].operations[0].path: /ausfInstanceId (expected: a body IE modifications.policy allows)");
        assertRefused(IPX.replace("op: replace", "op: move"), "modifications.rules[0].operations[0].op: move");
        assertRefused(IPX.replace("value: \"5G:mnc098.mcc999.3gppnetwork.org\"", "value: {encBlockIndex: 1}"),
                "modifications.rules[0].operations[0].value: an encBlockIndex reference");
        assertRefused(IPX.replace(":8444\"", "\""), "sepps[1].n32f.authority: sepp.5gc.mnc099.mcc999.3gppnetwork.org "
                + "(expected: fqdn:port");
        assertRefused(IPX.replace("plmnIds: [\"999-99\"]", "plmnIds: [\"001-01\"]"),
                "sepps[1].plmnIds: 001-01 (expected: a PLMN ID no other SEPP serves)");
        assertRefused(IPX.replace("nextHopTimeout: 3s", "nextHopTimeout: 0s"), "nextHopTimeout: 0s");
        assertRefused(IPX.replace("nextHopTimeout: 3s", "nextHoptimeout: 3s"), "nextHoptimeout");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(dir.resolve("rsa.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        assertRefused(IPX.replace("signingKey: ipx/ipx.key", "signingKey: rsa.key"),
                "modifications.signingKey: " + dir.resolve("rsa.key") + " (expected: a P-256 key");
    }

    private void assertRefused(String yaml, String message) throws Exception {
        Path f = write("ipx.yaml", yaml);
        assertThatThrownBy(() -> IpxConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }
}
