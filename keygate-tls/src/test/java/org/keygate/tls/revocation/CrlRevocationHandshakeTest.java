package org.keygate.tls.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.EnginePump;
import org.keygate.tls.testing.MutableClock;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * A partner's CA revokes its SEPP certificate (key compromise) and publishes a CRL on an http server (the JDK's, on
 * 127.0.0.1): the home SEPP's next handshake with the partner is refused with certificate_revoked, where the one
 * before the refresh succeeded. Real TLS (JSSE engines pumped into each other); the CRLs are signed by the partner's lab CA (Bouncy
 * Castle), not by the code under test.
 */
class CrlRevocationHandshakeTest {
    private final AtomicReference<byte[]> published = new AtomicReference<>();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer crlServer;
    private ScheduledExecutorService scheduler;
    private LabCa homeCa;
    private LabCa partnerCa;
    private TlsKeyMaterial partnerKey;

    @BeforeEach
    void setUp() throws Exception {
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crlServer.createContext("/partner.crl", exchange -> {
            byte[] body = published.get();
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (body != null) {
                    out.write(body);
                }
            }
        });
        crlServer.start();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        homeCa = TestPki.ca("home");
        partnerCa = TestPki.ca("visited");
        partnerKey = TestPki.sepp(partnerCa, TestPki.VISITED);
    }

    @AfterEach
    void tearDown() {
        crlServer.stop(0);
        scheduler.shutdownNow();
    }

    @Test
    void aRevokedPartnerIsRefusedWithCertificateRevokedAtTheNextHandshake() throws Exception {
        publish(partnerCa.crl(List.of(), clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofDays(1)), 1));
        CrlRevocation revocation = revocation(OnStaleRevocation.REFUSE);
        revocation.start(scheduler);
        MutualTls home = home(revocation);

        assertThat(handshake(home)).as("partner's side before revocation").isNull();

        publish(partnerCa.crl(List.of(partnerKey.leaf()), clock.instant(), clock.instant().plus(Duration.ofDays(1)),
                2));
        revocation.refreshNow();

        Exception partnerSaw = handshake(home);
        assertThat(partnerSaw).as("partner's side after revocation").isInstanceOf(SSLException.class)
                .hasMessageContaining("Received fatal alert: certificate_revoked");
        assertThat(meters.get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aCrlPastItsNextUpdateRefusesOrWarnsAsConfiguredButStillRefusesWhatItLists() throws Exception {
        publish(partnerCa.crl(List.of(), clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofHours(1)),
                1));
        CrlRevocation refuse = revocation(OnStaleRevocation.REFUSE);
        refuse.refreshNow();
        List<java.security.cert.X509Certificate> path = List.of(partnerKey.leaf());
        refuse.check(path, partnerCa.certificate());

        clock.advance(Duration.ofHours(2));
        crlServer.removeContext("/partner.crl"); // the CA's server is down: the cached CRL stays, and goes stale
        refuse.refreshNow();
        assertThatThrownBy(() -> refuse.check(path, partnerCa.certificate()))
                .isInstanceOf(CertificateException.class).hasMessageContaining("past its nextUpdate")
                .cause().isInstanceOf(CertPathValidatorException.class)
                .extracting(c -> ((CertPathValidatorException) c).getReason())
                .isEqualTo(CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS);
        assertThat(meters.get("keygate_tls_crl_stale").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("keygate_tls_crl_refresh_total").tag("outcome", "failed").counter().count())
                .isEqualTo(1.0);

        SimpleMeterRegistry warnMeters = new SimpleMeterRegistry();
        X509CRL revokedThenStale = partnerCa.crl(List.of(partnerKey.leaf()), clock.instant().minus(Duration.ofHours(3)),
                clock.instant().minus(Duration.ofHours(1)), 3);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("partner", ".crl");
        java.nio.file.Files.write(file, revokedThenStale.getEncoded());
        CrlRevocation warn = new CrlRevocation(List.of(new AnchorRevocation(partnerCa.certificate(),
                new RevocationPolicy(List.of(new CrlSource.File(file)), false, OnStaleRevocation.WARN,
                        Duration.ofHours(1)))), warnMeters, clock);
        warn.refreshNow();
        X509CRL emptyStale = partnerCa.crl(List.of(), clock.instant().minus(Duration.ofHours(3)),
                clock.instant().minus(Duration.ofHours(1)), 4);
        assertThatThrownBy(() -> warn.check(path, partnerCa.certificate())).hasMessageContaining("is revoked since");
        java.nio.file.Files.write(file, emptyStale.getEncoded());
        warn.refreshNow();
        warn.check(path, partnerCa.certificate()); // stale and not listed: accepted under warn
        assertThat(warnMeters.get("keygate_tls_revocation_checks_total").tag("outcome", "stale_accepted").counter()
                .count()).isEqualTo(1.0);
        java.nio.file.Files.delete(file);
    }

    /**
     * A revoked partner that dials this SEPP again resumes the TLS 1.3 session of its last connection: JSSE does not
     * ask the trust manager then, even once the sessions with it are dropped ({@link MutualTls#invalidateSessionsIf}:
     * the ticket carries the session). {@link PlmnTrustAnchors#untrustedNow} on the resumed chain refuses it, as the
     * SEPP's listeners do after every handshake (issue 18).
     */
    @Test
    void aRevokedClientCannotResumeItsSession() throws Exception {
        publish(partnerCa.crl(List.of(), clock.instant().minusSeconds(60), clock.instant().plus(Duration.ofDays(1)), 1));
        CrlRevocation revocation = revocation(OnStaleRevocation.REFUSE);
        revocation.refreshNow();
        MutualTls home = home(revocation);
        MutualTls partner = MutualTls.builder().keyMaterial(partnerKey)
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.HOME, homeCa.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
        SSLEngine[] first = dial(partner, home);
        assertThat(EnginePump.pump(first[0], first[1])).containsOnlyNulls();
        SSLEngine[] again = dial(partner, home);
        assertThat(EnginePump.pump(again[0], again[1])).containsOnlyNulls();
        // home checked the partner's chain once: the second connection resumed without a certificate check.
        assertThat(meters.get("keygate_tls_revocation_checks_total").tag("outcome", "good").counter().count())
                .as("the second connection resumed the first one's session").isEqualTo(1.0);

        publish(partnerCa.crl(List.of(partnerKey.leaf()), clock.instant(), clock.instant().plus(Duration.ofDays(1)),
                2));
        revocation.refreshNow();
        home.invalidateSessionsIf(chain -> revocation.listed(chain.stream()
                .filter(c -> !c.equals(partnerCa.certificate())).toList(), partnerCa.certificate()).isPresent());

        SSLEngine[] revoked = dial(partner, home);
        SSLException[] errors = EnginePump.pump(revoked[0], revoked[1]);
        // JSSE resumes a stateless TLS 1.3 ticket without asking the trust manager, whatever the server's session
        // cache holds: the handshake succeeds. Hence the server's check of every accepted chain after its handshake
        // (SbiServer.Builder#peerCheck, RevokedPartnerTest), which untrustedNow makes here.
        assertThat(errors).as("the resumption of a revoked client, at the TLS layer").containsOnlyNulls();
        assertThat(PlmnTrustAnchors.builder().add(TestPki.VISITED, partnerCa.certificate()).revocation(revocation)
                .build().untrustedNow(java.util.Arrays.stream(revoked[1].getSession().getPeerCertificates())
                        .map(c -> (java.security.cert.X509Certificate) c).toList()))
                .as("the resumed session's chain, checked after the handshake").get(
                        org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("is revoked since");
    }

    /** The partner (client) dials home (server): {client engine, server engine}, the client's keyed for resumption. */
    private static SSLEngine[] dial(MutualTls partner, MutualTls home) {
        SSLEngine server = home.sslContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(home.serverParameters());
        SSLEngine client = partner.sslContext().createSSLEngine(TestPki.HOME.seppFqdn(), 443);
        client.setUseClientMode(true);
        client.setSSLParameters(partner.clientParameters(TestPki.HOME.seppFqdn()));
        return new SSLEngine[] {client, server};
    }

    private CrlRevocation revocation(OnStaleRevocation onStale) {
        URI url = URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/partner.crl");
        return new CrlRevocation(List.of(new AnchorRevocation(partnerCa.certificate(),
                new RevocationPolicy(List.of(new CrlSource.Http(url)), false, onStale, Duration.ofHours(1)))),
                meters, clock);
    }

    private MutualTls home(CrlRevocation revocation) throws Exception {
        return MutualTls.builder().keyMaterial(TestPki.sepp(homeCa, TestPki.HOME))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.VISITED, partnerCa.certificate())
                        .revocation(revocation).build())
                .protocols(List.of("TLSv1.3")).build();
    }

    /**
     * The home SEPP (TLS client) against the partner (server), engines pumped in memory (EnginePump says why not over
     * sockets); returns what the partner's side failed with, or null when the handshake completed.
     */
    private Exception handshake(MutualTls home) throws Exception {
        MutualTls partner = MutualTls.builder().keyMaterial(partnerKey)
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.HOME, homeCa.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
        SSLEngine server = partner.sslContext().createSSLEngine();
        server.setUseClientMode(false);
        server.setSSLParameters(partner.serverParameters());
        SSLEngine client = home.sslContext().createSSLEngine(TestPki.VISITED.seppFqdn(), 443);
        client.setUseClientMode(true);
        client.setSSLParameters(home.clientParameters(TestPki.VISITED.seppFqdn()));
        SSLException[] errors = EnginePump.pump(client, server);
        if (errors[0] != null) {
            assertThat(errors[0]).as("home's side").hasStackTraceContaining("revoked");
        } else {
            assertThat(client.getHandshakeStatus()).as("home's handshake")
                    .isEqualTo(javax.net.ssl.SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING);
        }
        return errors[1];
    }

    private void publish(X509CRL crl) throws Exception {
        published.set(crl.getEncoded());
    }
}
