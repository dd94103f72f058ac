package org.keygate.ipx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ModificationRule;
import org.keygate.ipx.node.ServedSepp;
import org.keygate.sbi.config.ConfigException;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/** The IPX node's own file, as docs/IPX.md describes it, beside a lab PKI of two SEPPs and the IPX. */
class IpxConfigLoaderTest {
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
        PlmnId home = PlmnId.parse("001-01");
        PlmnId visited = PlmnId.parse("999-99");
        LabPki.generate(dir, List.of(new LabSepp("home", home, home.seppFqdn()),
                new LabSepp("visited", visited, visited.seppFqdn())), Duration.ofDays(1));
        LabPki.generateIntermediary(dir, "ipx", "ipx.example.org", Duration.ofDays(1));
    }

    private Path write(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
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

    /** Issue 18: the CRLs of a served SEPP's anchor and of a next IPX's, written as a SEPP's peers[].revocation. */
    @Test
    void revocationBlocksAreReadPerAnchorAndCheckedByName() throws Exception {
        Files.writeString(dir.resolve("home.crl"), "not read at load");
        String withCrls = IPX.replace("trustAnchor: home/ca.crt", """
                trustAnchor: home/ca.crt
                    revocation: {crls: ["http://127.0.0.1:8080/home.crl", home.crl], onStaleRevocation: warn, refreshInterval: 5m}""")
                .replace("n32f: {authority: \"sepp.5gc.mnc099.mcc999.3gppnetwork.org:8444\", address: \"127.0.0.1:8444\"}", """
                n32f:
                      authority: "sepp.5gc.mnc099.mcc999.3gppnetwork.org:8444"
                      address: "127.0.0.1:9444"
                      via: {fqdn: ipx.visited-hub.example.org, trustAnchor: ipx/ca.crt, revocation: {distributionPoints: true}}""");
        IpxNodeConfig c = IpxConfigLoader.load(write("ipx.yaml", withCrls));
        assertThat(c.revocation()).hasSize(2);
        AnchorRevocation home = c.revocation().getFirst();
        assertThat(home.anchor()).isEqualTo(c.sepps().getFirst().trustAnchor());
        assertThat(home.policy()).isEqualTo(new RevocationPolicy(List.of(
                new CrlSource.Http(java.net.URI.create("http://127.0.0.1:8080/home.crl")),
                new CrlSource.File(dir.resolve("home.crl"))), false, OnStaleRevocation.WARN, Duration.ofMinutes(5)));
        AnchorRevocation via = c.revocation().get(1);
        assertThat(via.anchor()).isEqualTo(c.sepps().get(1).nextHop().orElseThrow().via().orElseThrow().trustAnchor());
        assertThat(via.policy()).isEqualTo(new RevocationPolicy(List.of(), true, OnStaleRevocation.REFUSE,
                RevocationPolicy.DEFAULT_REFRESH_INTERVAL));
        assertThat(IpxConfigLoader.load(write("ipx.yaml", IPX)).revocation()).as("none configured").isEmpty();

        assertRefused(withCrls.replace("onStaleRevocation: warn", "onStaleRevocation: ignore"),
                "sepps[0].revocation.onStaleRevocation: ignore (expected: refuse or warn)");
        assertRefused(withCrls.replace("http://127.0.0.1:8080/home.crl", "https://127.0.0.1/home.crl"),
                "sepps[0].revocation.crls[0]: https://127.0.0.1/home.crl (expected: an http:// URL or a CRL file)");
        assertRefused(withCrls.replace(", home.crl]", ", missing.crl]"), "sepps[0].revocation.crls[1]: missing.crl");
        assertRefused(withCrls.replace("refreshInterval: 5m", "refreshInterval: 500ms"),
                "sepps[0].revocation.refreshInterval");
        assertRefused(withCrls.replace("revocation: {distributionPoints: true}", "revocation: {crls: []}"),
                "sepps[1].n32f.via.revocation.crls: [] (expected: at least one CRL file or http URL");
        assertRefused(withCrls.replace("revocation: {distributionPoints: true}", "revocation: {crl: x}"),
                "sepps[1].n32f.via.revocation.crl");
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
