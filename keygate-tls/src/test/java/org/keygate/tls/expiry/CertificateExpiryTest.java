package org.keygate.tls.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.testing.MutableClock;

/** The expiry gauge and the WARN lines at 30, 7 and 1 days, once each, on a clock moved by hand. */
class CertificateExpiryTest {
    @Test
    void warnsOnceAtEachThresholdAndTheGaugeCountsDown() throws Exception {
        LabCa ca = LabCa.create("expiry test", Duration.ofDays(40));
        X509Certificate cert = ca.issue(List.of("sepp.5gc.mnc001.mcc001.3gppnetwork.org"),
                List.of(InetAddress.getLoopbackAddress())).certificate();
        Instant notAfter = cert.getNotAfter().toInstant();
        MutableClock clock = new MutableClock(notAfter.minus(Duration.ofDays(40)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CertificateExpiry expiry = new CertificateExpiry(meters, clock);

        expiry.watch("own", "home", cert);
        assertThat(meters.get("keygate_tls_certificate_expiry_seconds").tag("role", "own").tag("name", "home")
                .gauge().value()).isEqualTo(40 * 86_400.0);
        assertThat(expiry.warnDue()).isEmpty();

        clock.advance(Duration.ofDays(11)); // 29 days left
        assertThat(expiry.warnDue()).singleElement().asString().contains("expires at " + notAfter, "in 29 day(s)");
        assertThat(expiry.warnDue()).as("not again").isEmpty();
        clock.advance(Duration.ofDays(10)); // 19 days left: no new threshold
        assertThat(expiry.warnDue()).isEmpty();
        clock.advance(Duration.ofDays(13)); // 6 days left
        assertThat(expiry.warnDue()).singleElement().asString().contains("in 6 day(s)");
        clock.advance(Duration.ofDays(5).plusHours(12)); // 12 hours left
        assertThat(expiry.warnDue()).singleElement().asString().contains("in 0 day(s) 12 hour(s)");
        assertThat(expiry.warnDue()).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(expiry.warnDue()).as("past the last threshold: no more lines").isEmpty();
        assertThat(meters.get("keygate_tls_certificate_expiry_seconds").gauge().value()).isEqualTo(-12 * 3600.0);
    }

    @Test
    void aRenewedPeerCertificateReplacesTheLastSeenOneAndItsWarnings() throws Exception {
        LabCa ca = LabCa.create("expiry test", Duration.ofDays(5));
        X509Certificate old = ca.issue(List.of("a.example"), List.of()).certificate();
        MutableClock clock = new MutableClock(old.getNotAfter().toInstant().minus(Duration.ofDays(5)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        CertificateExpiry expiry = new CertificateExpiry(meters, clock);
        expiry.watch("peer", "999-99", old);
        assertThat(expiry.warnDue()).as("logged at watch already").isEmpty();

        X509Certificate renewed = LabCa.create("renewed", Duration.ofDays(400)).issue(List.of("a.example"), List.of())
                .certificate();
        expiry.watch("peer", "999-99", renewed);
        assertThat(meters.find("keygate_tls_certificate_expiry_seconds").gauges()).hasSize(1);
        assertThat(meters.get("keygate_tls_certificate_expiry_seconds").gauge().value())
                .isEqualTo(Duration.between(clock.instant(), renewed.getNotAfter().toInstant()).toSeconds());
        assertThat(ExpiryStatus.of(renewed, clock.instant())).isEqualTo(ExpiryStatus.VALID);
        assertThat(ExpiryStatus.of(old, clock.instant())).isEqualTo(ExpiryStatus.EXPIRES_SOON);
        assertThat(ExpiryStatus.of(old, old.getNotAfter().toInstant())).isEqualTo(ExpiryStatus.EXPIRED);
    }
}
