package org.keygate.tls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.keygate.tls.TestPki;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PeerIdentity;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.revocation.AnchorRevocation;
import org.keygate.tls.revocation.CrlRevocation;
import org.keygate.tls.revocation.CrlSource;
import org.keygate.tls.revocation.OnStaleRevocation;
import org.keygate.tls.revocation.RevocationPolicy;
import org.keygate.tls.testing.EnginePump;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * The trust cases of the PLMN trust tests (MutualTlsHandshakeTest, HandshakeAlertTest, CrlRevocationHandshakeTest) with
 * the refusing side on each {@link TlsProvider}, the other side on the JDK's engine: both providers must refuse the
 * same chains, with the same reason and the same fatal alert (RFC 8446 6.2), as the server checking a client and as
 * the client checking the server. Engines pumped into each other in memory ({@link EnginePump}), so that the refused
 * peer always reads the alert. The expected alerts are the JDK's (HandshakeAlertTest, CrlRevocationHandshakeTest).
 */
class TlsProviderTrustTest {
    private static final List<String> H2 = List.of("h2");

    /**
     * A chain the refusing side must not accept: what is wrong with it, the trust manager's words, and the alert a
     * refusing client sends (a refusing server sends certificate_unknown for all of them).
     */
    enum Refusal {
        UNKNOWN_CA("does not validate against the anchor of its PLMN", "certificate_unknown"),
        WRONG_PLMN("no trust anchor configured for PLMN 001-02", "certificate_unknown"),
        REVOKED("is revoked since", "certificate_revoked"),
        EXPIRED("does not validate against the anchor of its PLMN", "certificate_expired");

        final String reason;
        final String alert;

        Refusal(String reason, String alert) {
            this.reason = reason;
            this.alert = alert;
        }
    }

    @TempDir
    static Path dir;
    private static LabCa homeCa;
    private static LabCa visitedCa;
    private static MutualTls visited;

    @BeforeAll
    static void pki() throws Exception {
        homeCa = TestPki.ca("home");
        visitedCa = TestPki.ca("visited");
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TlsProvider provider : TlsProvider.values()) {
            for (Refusal r : Refusal.values()) {
                for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                    all.add(Arguments.of(provider, r, protocol));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} server refuses a client: {1}, {2}")
    @MethodSource("cases")
    void aServerOnEitherProviderRefusesTheSameClientChainsWithTheSameAlert(TlsProvider provider, Refusal refusal,
            String protocol) throws Exception {
        Peer bad = badHome(refusal);
        MutualTls server = refusing(bad, protocol);
        MutualTls client = tls(bad.keys(), PlmnTrustAnchors.builder().add(TestPki.VISITED, visitedCa.certificate())
                .build(), protocol);
        SSLEngine serverEngine = server.engines(provider, server.serverParameters())
                .serverEngine(ByteBufAllocator.DEFAULT, H2);
        SSLEngine clientEngine = TlsEngines.jdk(client.sslContext(), client.serverParameters())
                .clientEngine(ByteBufAllocator.DEFAULT, TestPki.VISITED.seppFqdn(), 443,
                        client.clientParameters(TestPki.VISITED.seppFqdn()), H2);

        SSLException[] errors = EnginePump.pump(clientEngine, serverEngine);

        assertThat(errors[1]).as("the refusing server").isNotNull().hasStackTraceContaining(refusal.reason);
        // The JDK's server answers every refused client chain with certificate_unknown (its CertificateMessage).
        assertThat(errors[0]).as("the refused client").isNotNull()
                .hasMessageContaining("Received fatal alert: certificate_unknown");
    }

    @ParameterizedTest(name = "{0} client refuses a server: {1}, {2}")
    @MethodSource("cases")
    void aClientOnEitherProviderRefusesTheSameServerChainsWithTheSameAlert(TlsProvider provider, Refusal refusal,
            String protocol) throws Exception {
        Peer bad = badHome(refusal);
        MutualTls client = refusing(bad, protocol);
        MutualTls server = tls(bad.keys(), PlmnTrustAnchors.builder().add(TestPki.VISITED, visitedCa.certificate())
                .build(), protocol);
        SSLEngine serverEngine = TlsEngines.jdk(server.sslContext(), server.serverParameters())
                .serverEngine(ByteBufAllocator.DEFAULT, H2);
        // The bad peer's name is the visited-side's view of "home": the FQDN its certificate carries.
        SSLEngine clientEngine = client.engines(provider, client.serverParameters())
                .clientEngine(ByteBufAllocator.DEFAULT, bad.fqdn(), 443, client.clientParameters(bad.fqdn()), H2);

        SSLException[] errors = EnginePump.pump(clientEngine, serverEngine);

        assertThat(errors[0]).as("the refusing client").isNotNull().hasStackTraceContaining(refusal.reason);
        assertThat(errors[1]).as("the refused server").isNotNull()
                .hasMessageContaining("Received fatal alert: " + refusal.alert);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsProvider.class)
    void trustedPeersAgreeOnH2AndSeeEachOthersPlmnOnEitherProvider(TlsProvider provider) throws Exception {
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), PlmnTrustAnchors.builder()
                .add(TestPki.VISITED, visitedCa.certificate()).build(), "TLSv1.3");
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), PlmnTrustAnchors.builder()
                .add(TestPki.HOME, homeCa.certificate()).build(), "TLSv1.3");
        SSLEngine server = home.engines(provider, home.serverParameters()).serverEngine(ByteBufAllocator.DEFAULT,
                List.of("h2", "http/1.1"));
        SSLEngine client = visited.engines(provider, visited.serverParameters()).clientEngine(ByteBufAllocator.DEFAULT,
                TestPki.HOME.seppFqdn(), 443, visited.clientParameters(TestPki.HOME.seppFqdn()), H2);

        assertThat(EnginePump.pump(client, server)).containsOnlyNulls();
        // The engine is the provider's own: BoringSSL's through tcnative, or the JDK's (not a wrapper of it).
        String engine = provider == TlsProvider.OPENSSL ? "io.netty.handler.ssl.OpenSslEngine"
                : "sun.security.ssl.SSLEngineImpl";
        assertThat(server.getClass().getName()).isEqualTo(engine);
        assertThat(client.getClass().getName()).isEqualTo(engine);

        assertThat(server.getApplicationProtocol()).isEqualTo("h2");
        assertThat(client.getApplicationProtocol()).isEqualTo("h2");
        assertThat(server.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(PeerIdentity.of((X509Certificate) server.getSession().getPeerCertificates()[0]).plmnIds())
                .containsExactly(TestPki.VISITED);
        assertThat(PeerIdentity.of((X509Certificate) client.getSession().getPeerCertificates()[0]).plmnIds())
                .containsExactly(TestPki.HOME);
    }

    @Test
    void theClientOnBoringSslChecksTheDialledNameAsTheJdkDoes() throws Exception {
        MutualTls home = tls(TestPki.sepp(homeCa, TestPki.HOME), PlmnTrustAnchors.builder()
                .add(TestPki.VISITED, visitedCa.certificate()).build(), "TLSv1.3");
        MutualTls visited = tls(TestPki.sepp(visitedCa, TestPki.VISITED), PlmnTrustAnchors.builder()
                .add(TestPki.HOME, homeCa.certificate()).build(), "TLSv1.3");
        SSLEngine server = home.engines(TlsProvider.JDK, home.serverParameters()).serverEngine(ByteBufAllocator.DEFAULT,
                H2);
        String other = "sepp.other.example.org";
        SSLEngine client = visited.engines(TlsProvider.OPENSSL, visited.serverParameters()).clientEngine(
                ByteBufAllocator.DEFAULT, other, 443, visited.clientParameters(other), H2);

        SSLException[] errors = EnginePump.pump(client, server);

        assertThat(errors[0]).as("client").isNotNull()
                .hasStackTraceContaining("No subject alternative DNS name matching " + other);
    }

    /** The side under test: a visited SEPP trusting the home PLMN's anchor, revocation checked for REVOKED. */
    private static MutualTls refusing(Peer bad, String protocol) throws Exception {
        PlmnTrustAnchors.Builder anchors = PlmnTrustAnchors.builder().add(TestPki.HOME, bad.expectedAnchor());
        if (bad.revocation() != null) {
            anchors.revocation(bad.revocation());
        }
        return tls(TestPki.sepp(visitedCa, TestPki.VISITED), anchors.build(), protocol);
    }

    /** A "home" SEPP whose chain the visited side refuses for {@code refusal}. */
    private static Peer badHome(Refusal refusal) throws Exception {
        String fqdn = TestPki.HOME.seppFqdn();
        return switch (refusal) {
            case UNKNOWN_CA -> new Peer(TestPki.sepp(TestPki.ca("rogue"), TestPki.HOME), homeCa.certificate(), null,
                    fqdn);
            case WRONG_PLMN -> {
                PlmnId other = PlmnId.parse("001-02");
                yield new Peer(TestPki.sepp(homeCa, other), homeCa.certificate(), null, other.seppFqdn());
            }
            case REVOKED -> {
                var keys = TestPki.sepp(homeCa, TestPki.HOME);
                Path crl = Files.createTempFile(dir, "home", ".crl");
                Instant now = Instant.now();
                Files.write(crl, homeCa.crl(List.of(keys.leaf()), now.minusSeconds(60), now.plus(Duration.ofDays(1)), 1)
                        .getEncoded());
                CrlRevocation revocation = new CrlRevocation(List.of(new AnchorRevocation(homeCa.certificate(),
                        new RevocationPolicy(List.of(new CrlSource.File(crl)), false, OnStaleRevocation.REFUSE,
                                Duration.ofHours(1)))), new SimpleMeterRegistry(), Clock.systemUTC());
                revocation.refreshNow();
                yield new Peer(keys, homeCa.certificate(), revocation, fqdn);
            }
            case EXPIRED -> {
                ExpiredChain expired = ExpiredChain.forFqdn(fqdn);
                yield new Peer(expired.sepp(), expired.root(), null, fqdn);
            }
        };
    }

    /** @param expectedAnchor what the refusing side configures for the home PLMN */
    private record Peer(TlsKeyMaterial keys, X509Certificate expectedAnchor, CrlRevocation revocation, String fqdn) {}

    private static MutualTls tls(TlsKeyMaterial own, PlmnTrustAnchors anchors, String protocol) {
        return MutualTls.builder().keyMaterial(own).trustAnchors(anchors).protocols(List.of(protocol)).build();
    }
}
