package org.keygate.sepp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OcspPolicy;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;

/** {@code peers[].revocation}: read, defaulted, and refused with the member's path. */
class RevocationConfigTest {
    @TempDir
    Path dir;

    @BeforeEach
    void pki() throws Exception {
        new TestSepps(dir);
        Files.writeString(dir.resolve("visited.crl"), "not parsed at load");
    }

    private SeppConfig load(String revocation) throws Exception {
        Path f = dir.resolve("sepp.yaml");
        Files.writeString(f, SeppConfigLoaderTest.VALID + revocation);
        return SeppConfigLoader.load(f);
    }

    @Test
    void readsTheCrlsOfAPeersAnchor() throws Exception {
        SeppConfig c = load("""
                    revocation:
                      crls: [visited.crl, "http://crl.example.org/visited.crl"]
                      onStaleRevocation: warn
                      refreshInterval: 15m
                """);
        assertThat(c.revocation()).singleElement().satisfies(r -> {
            assertThat(r.anchor()).isEqualTo(c.peers().getFirst().trustAnchor());
            assertThat(r.policy()).isEqualTo(new RevocationPolicy(java.util.List.of(
                    new CrlSource.File(dir.resolve("visited.crl")),
                    new CrlSource.Http(URI.create("http://crl.example.org/visited.crl"))), false,
                    OnStaleRevocation.WARN, Duration.ofMinutes(15)));
        });
    }

    @Test
    void defaultsToRefuseAndAnHourAndAcceptsDistributionPointsAlone() throws Exception {
        SeppConfig c = load("""
                    revocation:
                      distributionPoints: true
                """);
        assertThat(c.revocation().getFirst().policy()).isEqualTo(new RevocationPolicy(java.util.List.of(), true,
                OnStaleRevocation.REFUSE, Duration.ofHours(1)));
        assertThat(load("").revocation()).isEmpty();
    }

    @Test
    void badMembersAreNamed() {
        assertThatThrownBy(() -> load("""
                    revocation:
                      crls: ["https://crl.example.org/v.crl"]
                """)).hasMessageContaining("peers[0].revocation.crls[0]").hasMessageContaining("http:// URL");
        assertThatThrownBy(() -> load("""
                    revocation:
                      crls: [missing.crl]
                """)).hasMessageContaining("peers[0].revocation.crls[0]").hasMessageContaining("readable file");
        assertThatThrownBy(() -> load("""
                    revocation:
                      crls: [visited.crl]
                      onStaleRevocation: ignore
                """)).hasMessageContaining("peers[0].revocation.onStaleRevocation").hasMessageContaining("ignore")
                .hasMessageContaining("refuse or warn");
        assertThatThrownBy(() -> load("""
                    revocation: {}
                """)).hasMessageContaining("peers[0].revocation.crls");
    }

    @Test
    void readsOcspAloneOrBesideCrlsWithItsDefaults() throws Exception {
        SeppConfig c = load("""
                    revocation:
                      ocsp: {}
                """);
        assertThat(c.revocation().getFirst().policy()).isEqualTo(new RevocationPolicy(java.util.List.of(), false,
                OnStaleRevocation.REFUSE, Duration.ofHours(1), java.util.Optional.of(new OcspPolicy(
                        java.util.Optional.empty(), Duration.ofSeconds(5), true, 1000))));
        SeppConfig both = load("""
                    revocation:
                      crls: [visited.crl]
                      ocsp:
                        responder: "http://ocsp.example.org/visited"
                        timeout: 2s
                        nonce: false
                        cacheSize: 50
                """);
        assertThat(both.revocation().getFirst().policy().ocsp()).contains(new OcspPolicy(
                java.util.Optional.of(URI.create("http://ocsp.example.org/visited")), Duration.ofSeconds(2), false,
                50));
        assertThat(both.revocation().getFirst().policy().crls()).hasSize(1);
    }

    @Test
    void badOcspMembersAreNamed() {
        assertThatThrownBy(() -> load("""
                    revocation:
                      ocsp: {responder: "https://ocsp.example.org/"}
                """)).hasMessageContaining("peers[0].revocation.ocsp.responder")
                .hasMessageContaining("https://ocsp.example.org/").hasMessageContaining("http:// URL");
        assertThatThrownBy(() -> load("""
                    revocation:
                      ocsp: {timeout: 5m}
                """)).hasMessageContaining("peers[0].revocation.ocsp.timeout").hasMessageContaining("100ms to 60s");
        assertThatThrownBy(() -> load("""
                    revocation:
                      ocsp: {cacheSize: 0}
                """)).hasMessageContaining("peers[0].revocation.ocsp.cacheSize").hasMessageContaining("1 to");
        assertThatThrownBy(() -> load("""
                    revocation:
                      ocsp: {responder: "http://ocsp.example.org/", nonces: true}
                """)).hasMessageContaining("nonces");
    }
}
