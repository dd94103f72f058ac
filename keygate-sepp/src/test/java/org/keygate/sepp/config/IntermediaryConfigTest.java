package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.peer.RoamingIntermediary;
import org.keygate.tls.pki.LabPki;
import org.keygate.sbi.config.ConfigException;

/** The SEPP's {@code peers[].ipx}, as docs/IPX.md describes it (the IPX node's file: {@code IpxConfigLoaderTest}). */
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
}
