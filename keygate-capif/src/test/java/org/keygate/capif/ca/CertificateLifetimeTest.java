package org.keygate.capif.ca;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issued certificates never outlive the CA that issued them (RFC 5280 6.1.3: the path would fail then). */
class CertificateLifetimeTest {
    @TempDir
    Path dir;

    @Test
    void anInvokerCertificateIssuedLateEndsWithTheCa() throws Exception {
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        CcfCertificateAuthority first = CcfCertificateAuthority.openOrCreate(dir, "lifetime CA", Duration.ofDays(365),
                Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(first.certificate().getNotAfter().toInstant()).isEqualTo(t0.plus(Duration.ofDays(365)));
        // The same persisted CA 300 days later: a year from now would be 300 days past the CA's end.
        Instant later = t0.plus(Duration.ofDays(300));
        CcfCertificateAuthority reopened = CcfCertificateAuthority.openOrCreate(dir, "lifetime CA",
                Duration.ofDays(365), Clock.fixed(later, ZoneOffset.UTC));
        var issued = reopened.issueClient(CsrRequester.create("INVlate").csrPem(), "INVlate", List.of());
        assertThat(issued.getNotAfter().toInstant()).isEqualTo(t0.plus(Duration.ofDays(365)));

        var early = first.issueClient(CsrRequester.create("INVearly").csrPem(), "INVearly", List.of());
        assertThat(early.getNotAfter().toInstant()).as("well inside the CA's life: the full validity")
                .isEqualTo(t0.plus(Duration.ofDays(365)));
        var shortLived = CcfCertificateAuthority.create("short", Duration.ofDays(10), Clock.fixed(later, ZoneOffset.UTC))
                .issueClient(CsrRequester.create("INVshort").csrPem(), "INVshort", List.of());
        assertThat(shortLived.getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(10)));
    }
}
