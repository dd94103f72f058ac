package org.keygate.tls.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.tls.TestPki;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.EnginePump;
import org.keygate.tls.testing.MutableClock;
import org.keygate.tls.testing.OpensslOcspResponder;
import org.keygate.tls.trust.PlmnTrustAnchors;

/**
 * OCSP (RFC 6960) against a responder that is not ours: {@code openssl ocsp} on loopback, signing with a delegated
 * responder certificate the partner's lab CA issued (id-kp-OCSPSigning). Good, revoked (the partner is refused with
 * certificate_revoked), unknown, the responder down (the cached answer until its nextUpdate, then onStaleRevocation)
 * and answers signed by keys the issuer never certified for OCSP.
 */
class OcspRevocationHandshakeTest {
    /** openssl's -nmin: the answers' nextUpdate, one hour after thisUpdate. */
    private static final int NEXT_UPDATE_MINUTES = 60;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ScheduledExecutorService scheduler;
    private LabCa homeCa;
    private LabCa partnerCa;
    private TlsKeyMaterial partnerKey;
    private OpensslOcspResponder responder;

    @BeforeEach
    void setUp() throws Exception {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        homeCa = TestPki.ca("home");
        partnerCa = TestPki.ca("visited");
        partnerKey = TestPki.sepp(partnerCa, TestPki.VISITED);
    }

    @AfterEach
    void tearDown() throws Exception {
        scheduler.shutdownNow();
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void aGoodAnswerLetsThePartnerInAndARevokedOneRefusesItWithCertificateRevoked() throws Exception {
        responder = delegatedResponder();
        responder.good(partnerKey.leaf());
        CrlRevocation revocation = ocspOnly(OnStaleRevocation.REFUSE, meters);
        CountDownLatch told = new CountDownLatch(1);
        revocation.onRefresh(told::countDown);
        revocation.start(scheduler);
        MutualTls home = home(revocation);

        // First sight of the partner's certificate: no answer yet, the handshake is not held up for one.
        Exception first = handshake(home);
        assertThat(first).as("partner's side, no answer yet").isInstanceOf(SSLException.class)
                .hasMessageNotContaining("certificate_revoked");
        revocation.refreshNow();
        assertThat(handshake(home)).as("partner's side with a good answer cached").isNull();
        assertThat(meters.get("keygate_tls_ocsp_requests_total").tag("outcome", "good").counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("keygate_tls_revocation_checks_total").tag("outcome", "good").counter().count())
                .isEqualTo(1.0);

        responder.revoke(partnerKey.leaf(), clock.instant().minusSeconds(5));
        revocation.refreshNow();
        assertThat(told.await(10, TimeUnit.SECONDS)).as("the owner told to check its connections").isTrue();
        assertThat(revocation.listed(List.of(partnerKey.leaf()), partnerCa.certificate()))
                .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("is revoked since").contains("KEY_COMPROMISE").contains("OCSP responder");

        Exception partnerSaw = handshake(home);
        assertThat(partnerSaw).as("partner's side after revocation").isInstanceOf(SSLException.class)
                .hasMessageContaining("Received fatal alert: certificate_revoked");
        assertThat(meters.get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("keygate_tls_ocsp_requests_total").tag("outcome", "revoked").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void anUnknownCertificateIsUndeterminedRefusedOrWarnedAsConfigured() throws Exception {
        responder = delegatedResponder(); // its index lists nothing: every serial is unknown to it
        List<X509Certificate> path = List.of(partnerKey.leaf());
        CrlRevocation refuse = ocspOnly(OnStaleRevocation.REFUSE, meters);
        assertThatThrownBy(() -> refuse.check(path, partnerCa.certificate())).hasMessageContaining("no OCSP answer");
        refuse.refreshNow();
        assertThat(meters.get("keygate_tls_ocsp_requests_total").tag("outcome", "unknown").counter().count())
                .isEqualTo(1.0);
        assertUndetermined(() -> refuse.check(path, partnerCa.certificate()), "answers unknown for it");

        SimpleMeterRegistry warnMeters = new SimpleMeterRegistry();
        CrlRevocation warn = ocspOnly(OnStaleRevocation.WARN, warnMeters);
        warn.check(path, partnerCa.certificate());
        warn.refreshNow();
        warn.check(path, partnerCa.certificate());
        assertThat(warnMeters.get("keygate_tls_revocation_checks_total").tag("outcome", "stale_accepted").counter()
                .count()).isEqualTo(2.0);
    }

    @Test
    void whenTheResponderIsDownTheCachedAnswerServesUntilItsNextUpdateThenOnStaleRevocationDecides()
            throws Exception {
        responder = delegatedResponder();
        responder.good(partnerKey.leaf());
        List<X509Certificate> path = List.of(partnerKey.leaf());
        CrlRevocation refuse = ocspOnly(OnStaleRevocation.REFUSE, meters);
        SimpleMeterRegistry warnMeters = new SimpleMeterRegistry();
        CrlRevocation warn = ocspOnly(OnStaleRevocation.WARN, warnMeters);
        assertUndetermined(() -> refuse.check(path, partnerCa.certificate()), "no OCSP answer");
        warn.check(path, partnerCa.certificate());
        refuse.refreshNow();
        warn.refreshNow();
        refuse.check(path, partnerCa.certificate());
        warn.check(path, partnerCa.certificate());

        responder.close(); // the responder goes down
        responder = null;
        clock.advance(Duration.ofMinutes(NEXT_UPDATE_MINUTES / 2));
        refuse.refreshNow();
        assertThat(meters.get("keygate_tls_ocsp_requests_total").tag("outcome", "failed").counter().count())
                .isEqualTo(1.0);
        refuse.check(path, partnerCa.certificate()); // the cached answer, still before its nextUpdate
        assertThat(meters.get("keygate_tls_ocsp_stale").gauge().value()).isZero();

        clock.advance(Duration.ofMinutes(NEXT_UPDATE_MINUTES));
        assertUndetermined(() -> refuse.check(path, partnerCa.certificate()), "past its nextUpdate");
        assertThat(meters.get("keygate_tls_ocsp_stale").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("keygate_tls_revocation_checks_total").tag("outcome", "stale_refused").counter()
                .count()).isGreaterThanOrEqualTo(1.0);

        warn.check(path, partnerCa.certificate());
        assertThat(warnMeters.get("keygate_tls_revocation_checks_total").tag("outcome", "stale_accepted").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void aReloadThatChangesTheAnchorsPolicyKeepsTheAnswersItHad() throws Exception {
        responder = delegatedResponder();
        responder.good(partnerKey.leaf());
        List<X509Certificate> path = List.of(partnerKey.leaf());
        CrlRevocation revocation = ocspOnly(OnStaleRevocation.REFUSE, meters);
        revocation.start(scheduler);
        assertUndetermined(() -> revocation.check(path, partnerCa.certificate()), "no OCSP answer");
        revocation.refreshNow();
        revocation.check(path, partnerCa.certificate());

        RevocationPolicy changed = new RevocationPolicy(List.of(), false, OnStaleRevocation.REFUSE,
                Duration.ofHours(1), Optional.of(new OcspPolicy(Optional.of(responder.uri()), Duration.ofSeconds(3),
                        false, 10)));
        responder.close(); // even with the responder down, the answer the old policy had is kept
        responder = null;
        revocation.reconfigure(List.of(new AnchorRevocation(partnerCa.certificate(), changed)));
        revocation.check(path, partnerCa.certificate());
        assertThat(meters.get("keygate_tls_ocsp_cached").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("keygate_tls_ocsp_requests_total").tag("outcome", "failed").counter().count())
                .as("asked again before the reload applied").isEqualTo(1.0);
    }

    @Test
    void answersSignedByAKeyTheIssuerDidNotCertifyForOcspAreRefused() throws Exception {
        // A responder certificate from another CA, and the partner CA's own SEPP certificate (no id-kp-OCSPSigning).
        LabCa otherCa = TestPki.ca("not the partner's CA");
        LabCa.Issued foreign = otherCa.issueOcspResponder("foreign OCSP responder");
        LabCa.Issued notForOcsp = partnerCa.issue(List.of("sepp.5gc.mnc099.mcc999.3gppnetwork.org"), List.of());
        for (LabCa.Issued signer : List.of(foreign, notForOcsp)) {
            try (OpensslOcspResponder wrong = OpensslOcspResponder.start(dir.resolve(signer.toString().hashCode()
                    + ""), partnerCa.certificate(), signer.certificate(), signer.keyPair().getPrivate(),
                    NEXT_UPDATE_MINUTES)) {
                wrong.good(partnerKey.leaf());
                SimpleMeterRegistry m = new SimpleMeterRegistry();
                CrlRevocation revocation = new CrlRevocation(List.of(new AnchorRevocation(partnerCa.certificate(),
                        policy(wrong, OnStaleRevocation.REFUSE))), m, clock);
                List<X509Certificate> path = List.of(partnerKey.leaf());
                assertThatThrownBy(() -> revocation.check(path, partnerCa.certificate()));
                revocation.refreshNow();
                assertThat(m.get("keygate_tls_ocsp_requests_total").tag("outcome", "invalid").counter().count())
                        .as("answer signed by " + signer).isEqualTo(1.0);
                assertUndetermined(() -> revocation.check(path, partnerCa.certificate()),
                        "nor by a responder it certified for OCSP signing");
            }
        }
    }

    private static void assertUndetermined(org.assertj.core.api.ThrowableAssert.ThrowingCallable check,
            String why) {
        assertThatThrownBy(check).isInstanceOf(CertificateException.class).hasMessageContaining(why)
                .cause().isInstanceOf(CertPathValidatorException.class)
                .extracting(c -> ((CertPathValidatorException) c).getReason())
                .isEqualTo(BasicReason.UNDETERMINED_REVOCATION_STATUS);
    }

    private OpensslOcspResponder delegatedResponder() throws Exception {
        LabCa.Issued signer = partnerCa.issueOcspResponder("visited OCSP responder");
        return OpensslOcspResponder.start(dir.resolve("responder"), partnerCa.certificate(), signer.certificate(),
                signer.keyPair().getPrivate(), NEXT_UPDATE_MINUTES);
    }

    private RevocationPolicy policy(OpensslOcspResponder r, OnStaleRevocation onStale) {
        return new RevocationPolicy(List.of(), false, onStale, Duration.ofHours(2), Optional.of(new OcspPolicy(
                Optional.of(r.uri()), Duration.ofSeconds(5), true, 10)));
    }

    private CrlRevocation ocspOnly(OnStaleRevocation onStale, SimpleMeterRegistry registry) {
        return new CrlRevocation(List.of(new AnchorRevocation(partnerCa.certificate(), policy(responder, onStale))),
                registry, clock);
    }

    private MutualTls home(CrlRevocation revocation) throws Exception {
        return MutualTls.builder().keyMaterial(TestPki.sepp(homeCa, TestPki.HOME))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.VISITED, partnerCa.certificate())
                        .revocation(revocation).build())
                .protocols(List.of("TLSv1.3")).build();
    }

    /** The home SEPP (TLS client) against the partner (server), in memory; what the partner's side failed with. */
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
        return EnginePump.pump(client, server)[1];
    }
}
