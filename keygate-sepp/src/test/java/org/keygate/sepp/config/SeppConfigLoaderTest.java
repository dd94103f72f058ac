package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.h2.H2Settings;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keygate.crypto.n32.JweEnc;
import org.keygate.sepp.TestSepps;
import org.keygate.n32.n32c.model.SecurityCapability;
import org.keygate.n32.policy.PolicyMismatchAction;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sbi.config.ListenerLimits;

class SeppConfigLoaderTest {
    static final String VALID = """
            name: home
            fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org
            plmnIds: ["001-01"]
            n32c:
              listen: 127.0.0.1:0
              maxRequestBodyBytes: 32768
            tls:
              certificateChain: home/sepp.crt
              privateKey: home/sepp.key
            security:
              capabilities: [TLS, PRINS]
              jweCipherSuites: [A128GCM]
              onPolicyMismatch: warn
              contextLifetime: 2h
              handshakeTimeout: 1500ms
            peers:
              - name: visited
                fqdn: sepp.5gc.mnc099.mcc999.3gppnetwork.org
                plmnIds: ["999-99"]
                n32c: 127.0.0.1:7444
                trustAnchor: visited/ca.crt
                initiate: true
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        new TestSepps(dir);
    }

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("sepp.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** One mapping of the shipped policy, as JSON (YAML's flow style). */
    private static String oneMapping() {
        return new String(org.keygate.sbi.json.SbiJson.write(org.keygate.n32.policy.DefaultProtectionPolicy.get()
                .apiIeMappingList().getFirst()), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aPolicyNoPartnerWouldAcceptIsRefusedAtLoadNamingTheMember() throws Exception {
        // TS 29.573 ProtectionPolicy: apiIeMappingList is required with at least one entry; every partner refuses
        // an empty one at exchange-params (400 MANDATORY_IE_INCORRECT), so the file is refused first.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID + """
                    protectionPolicy:
                      apiIeMappingList: []
                      dataTypeEncPolicy: [UEID]
                """))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("peers[0].protectionPolicy.apiIeMappingList").hasMessageContaining("minItems");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID + """
                protectionPolicy:
                  apiIeMappingList: []
                """))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("protectionPolicy.apiIeMappingList");
    }

    @Test
    void readsTheN32fListenerHomeNfsAndPerPeerPolicy() throws Exception {
        SeppConfig c = SeppConfigLoader.load(write(VALID.replace("peers:\n", """
                n32f:
                  listen: 127.0.0.1:8443
                  maxRequestBodyBytes: 1048576
                homeNfs:
                  - authority: udm.5gc.mnc001.mcc001.3gppnetwork.org
                    address: 127.0.0.1:8080
                peers:
                """) + """
                    n32f: 127.0.0.1:9443
                    protectionPolicy:
                      apiIeMappingList: [MAPPING]
                      dataTypeEncPolicy: [UEID, LOCATION, KEY_MATERIAL, AUTHENTICATION_MATERIAL, AUTHORIZATION_TOKEN, OTHER]
                """.replace("MAPPING", oneMapping())));
        assertThat(c.n32fListener()).hasValueSatisfying(l -> {
            assertThat(l.address().getPort()).isEqualTo(8443);
            assertThat(l.maxRequestBodyBytes()).isEqualTo(1048576);
        });
        // The listener's port is what the SEPP announces as senderN32fPort when none is given.
        assertThat(c.n32c().n32fPort()).isEqualTo(8443);
        assertThat(c.homeNfs()).singleElement().satisfies(nf -> {
            assertThat(nf.authority()).isEqualTo("udm.5gc.mnc001.mcc001.3gppnetwork.org");
            assertThat(nf.address().getPort()).isEqualTo(8080);
        });
        assertThat(c.peers().getFirst().n32fAddress()).hasValueSatisfying(a -> assertThat(a.getPort()).isEqualTo(9443));
        assertThat(c.n32c().protectionPolicyFor(c.peers().getFirst()).dataTypeEncPolicy()).contains("OTHER");
    }

    @Test
    void readsTheRel19KeepaliveAndTheOriginatingNetworkIdFill() throws Exception {
        SeppConfig c = SeppConfigLoader.load(write(VALID.replace("handshakeTimeout: 1500ms\n",
                "handshakeTimeout: 1500ms\n  n32KeepaliveTimer: 30s\n") + """
                    fillOriginatingNetworkId: true
                """));
        assertThat(c.n32c().n32KeepaliveTimer()).contains(java.time.Duration.ofSeconds(30));
        assertThat(c.edge().fillOriginatingNetworkId()).containsExactly("visited");
        assertThat(SeppConfigLoader.load(write(VALID)).edge().fillOriginatingNetworkId()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID.replace(
                "handshakeTimeout: 1500ms\n", "handshakeTimeout: 1500ms\n  n32KeepaliveTimer: 1500ms\n"))))
                .hasMessageContaining("security.n32KeepaliveTimer");
    }

    @Test
    void aHomeNfOverTlsHasItsAnchorsAndClientCertificateAndBadOnesAreNamed() throws Exception {
        String tlsNf = """
                homeNfs:
                  - authority: udm.5gc.mnc001.mcc001.3gppnetwork.org
                    address: 127.0.0.1:8443
                    scheme: https
                    tls:
                      trustAnchors: [home/ca.crt]
                      certificateChain: home/sepp.crt
                      privateKey: home/sepp.key
                peers:
                """;
        SeppConfig c = SeppConfigLoader.load(write(VALID.replace("peers:\n", tlsNf)));
        assertThat(c.homeNfs()).singleElement().satisfies(nf -> {
            assertThat(nf.scheme()).isEqualTo("https");
            assertThat(nf.tls().orElseThrow().trustAnchors()).hasSize(1);
            assertThat(nf.tls().orElseThrow().clientKey()).isPresent();
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID.replace(
                "peers:\n", tlsNf.replace("""
                    tls:
                      trustAnchors: [home/ca.crt]
                      certificateChain: home/sepp.crt
                      privateKey: home/sepp.key
                """, ""))))).hasMessageContaining("homeNfs[0].tls");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID.replace(
                "peers:\n", tlsNf.replace("scheme: https", "scheme: ftp"))))).hasMessageContaining("homeNfs[0].scheme");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeppConfigLoader.load(write(VALID.replace(
                "peers:\n", tlsNf.replace("      privateKey: home/sepp.key\n", "")))))
                .hasMessageContaining("homeNfs[0].tls.certificateChain");
    }

    @Test
    void readsTheConnectionLimitsOfAListener() throws Exception {
        SeppConfig c = SeppConfigLoader.load(write(VALID.replace("maxRequestBodyBytes: 32768", """
                maxRequestBodyBytes: 32768
                  maxConnections: 200
                  maxConnectionsPerSource: 8
                  reservedConnections: 50
                  handshakeTimeout: 2s
                  idleTimeoutNearLimit: 15s
                  knownSources: [192.0.2.7, "2001:db8::7"]""")));
        assertThat(c.n32cListener().limits()).isEqualTo(new ListenerLimits(8, java.util.Optional.of(50),
                Duration.ofSeconds(2), Duration.ofSeconds(15), List.of(java.net.InetAddress.getByName("192.0.2.7"),
                        java.net.InetAddress.getByName("2001:db8::7"))));
    }

    @Test
    void aBadHomeNfIsRefusedWithItsPath() throws Exception {
        Path f = write(VALID.replace("peers:\n", """
                homeNfs:
                  - authority: "udm example"
                    address: 127.0.0.1:8080
                peers:
                """));
        assertThatThrownBy(() -> SeppConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("homeNfs[0].authority");
    }

    @Test
    void readsEveryMemberAndFillsDefaults() throws Exception {
        SeppConfig c = SeppConfigLoader.load(write(VALID));
        assertThat(c.name()).isEqualTo("home");
        assertThat(c.n32c().capabilities()).containsExactly(SecurityCapability.TLS, SecurityCapability.PRINS);
        assertThat(c.n32c().jweCipherSuites()).containsExactly(JweEnc.A128GCM);
        assertThat(c.n32c().jwsCipherSuites()).containsExactly("ES256");
        assertThat(c.n32c().onPolicyMismatch()).isEqualTo(PolicyMismatchAction.WARN);
        assertThat(c.n32c().contextLifetime()).isEqualTo(Duration.ofHours(2));
        assertThat(c.handshakeRetry().attemptTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.handshakeRetry().retries()).isEqualTo(3);
        assertThat(c.n32cListener().maxRequestBodyBytes()).isEqualTo(32768);
        assertThat(c.n32cListener().maxConcurrentStreams()).isEqualTo(100);
        assertThat(c.n32cListener().maxConnections()).isEqualTo(1000);
        assertThat(c.n32cListener().limits()).isEqualTo(new ListenerLimits(64, java.util.Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), List.of()));
        // The N32 listeners know the partner's addresses (127.0.0.1:7444 in VALID).
        assertThat(c.partnerAddresses()).containsExactly(java.net.InetAddress.getByName("127.0.0.1"));
        assertThat(c.admin()).isEmpty();
        assertThat(c.peers()).singleElement().satisfies(p -> {
            assertThat(p.plmnIds()).containsExactly(TestSepps.VISITED_PLMN);
            assertThat(p.initiate()).isTrue();
            assertThat(p.n32cAddress().getPort()).isEqualTo(7444);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "fqdn: sepp.5gc.mnc001.mcc001.3gppnetwork.org|fqdn: not_an fqdn|fqdn: not_an fqdn (expected: an FQDN",
        "plmnIds: [\"001-01\"]|plmnIds: [\"1-1\"]|plmnIds[0]: 1-1 (expected: MCC-MNC",
        "listen: 127.0.0.1:0|listen: 127.0.0.1|n32c.listen: 127.0.0.1 (expected: host:port)",
        "maxRequestBodyBytes: 32768|maxRequestBodyBytes: 0|n32c.maxRequestBodyBytes: 0 (expected: 1..",
        "maxRequestBodyBytes: 32768|maxConnections: 0|n32c.maxConnections: 0 (expected: 1..100000)",
        "maxRequestBodyBytes: 32768|maxConnectionsPerSource: 1001|n32c.maxConnectionsPerSource: 1001 (expected: 1..1000",
        "maxRequestBodyBytes: 32768|reservedConnections: 1000|n32c.reservedConnections: 1000 (expected: 0..999",
        "maxRequestBodyBytes: 32768|handshakeTimeout: 0s|n32c.handshakeTimeout: 0s (expected: a positive duration",
        "maxRequestBodyBytes: 32768|knownSources: [partner.example]|n32c.knownSources[0]: partner.example (expected: an IPv4 or IPv6 address)",
        "capabilities: [TLS, PRINS]|capabilities: [TLS, ALS]|security.capabilities[1]: ALS (expected: PRINS or TLS",
        "jweCipherSuites: [A128GCM]|jweCipherSuites: [A192GCM]|security.jweCipherSuites[0]: A192GCM",
        "onPolicyMismatch: warn|onPolicyMismatch: ignore|security.onPolicyMismatch: ignore (expected: error or warn)",
        "contextLifetime: 2h|contextLifetime: soon|security.contextLifetime: soon (expected: a duration",
        "trustAnchor: visited/ca.crt|trustAnchor: visited/missing.crt|peers[0].trustAnchor: visited/missing.crt",
        "n32c: 127.0.0.1:7444|n32c: 127.0.0.1:99999|peers[0].n32c: 127.0.0.1:99999 (expected: a port",
        "name: home|nmae: home|nmae",
        "privateKey: home/sepp.key|privateKey: home/ca.crt|tls: cannot load",
    })
    void aBadValueIsNamedWithWhatWasExpected(String from, String to, String message) throws Exception {
        Path f = write(VALID.replace(from, to));
        assertThatThrownBy(() -> SeppConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aPlmnServedByTwoPeersIsRefused() throws Exception {
        Path f = write(VALID + """
                  - name: visited-2
                    fqdn: sepp2.5gc.mnc099.mcc999.3gppnetwork.org
                    plmnIds: ["999-99"]
                    n32c: 127.0.0.1:7445
                    trustAnchor: visited/ca.crt
                """);
        assertThatThrownBy(() -> SeppConfigLoader.load(f)).hasMessageContaining("peers[1].plmnIds: 999-99");
    }

    @Test
    void http2WindowsAreReadAndDefaultToLargeOnes() throws Exception {
        assertThat(SeppConfigLoader.load(write(VALID)).h2()).isEqualTo(new H2Settings(1 << 20, 8 << 20));
        SeppConfig c = SeppConfigLoader.load(write(VALID + """
                http2:
                  streamWindowBytes: 2097152
                  connectionWindowBytes: 33554432
                """));
        assertThat(c.h2()).isEqualTo(new H2Settings(2 * 1024 * 1024, 32 * 1024 * 1024));
        // Only the stream window given: the connection window is at least as large.
        assertThat(SeppConfigLoader.load(write(VALID + "http2: {streamWindowBytes: 16777216}\n")).h2())
                .isEqualTo(new H2Settings(16 * 1024 * 1024, 16 * 1024 * 1024));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http2: {streamWindowBytes: 65534}|http2.streamWindowBytes: 65534 (expected: 65535..2147483647)",
        "http2: {streamWindowBytes: 1048576, connectionWindowBytes: 65535}|http2.connectionWindowBytes: 65535 (expected: at least http2.streamWindowBytes (1048576)",
        "http2: {streamWindowBytes: 2147483648}|http2.streamWindowBytes",
        "http2: {windowBytes: 1048576}|windowBytes",
    })
    void badHttp2WindowsAreNamed(String yaml, String message) throws Exception {
        Path f = write(VALID + yaml + "\n");
        assertThatThrownBy(() -> SeppConfigLoader.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> SeppConfigLoader.load(dir.resolve("nope.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml");
    }
}
