package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.capif.aef.ApiExposingFunction;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.client.CcfEndpoint;
import org.keygate.capif.provider.ProviderDomain;
import org.keygate.capif.store.MvCapifStore;

/**
 * Issue 18 item 3 at the AEF: its own certificate and the CCF's CA, issued for the purpose to expire in 5 days, each
 * get one WARN line at start (within 7 days: the 30- and 7-day thresholds at once, one line) and a
 * {@code keygate_tls_certificate_expiry_seconds} gauge with the seconds left to the notAfter the JDK reads.
 */
class AefCertificateExpiryTest {
    private static final String REG_SEC = "expiry-test-registration-secret";
    private static final String CA_NAME = "keygate AEF expiry test CCF";

    @Test
    void theAefWarnsOnceOfItsOwnAndTheCaCertificatesAndGaugesThem() throws Exception {
        ch.qos.logback.classic.Logger expiryLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.keygate.tls.expiry.CertificateExpiry.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        expiryLog.addAppender(logs);
        CcfCertificateAuthority ca = CcfCertificateAuthority.create(CA_NAME, Duration.ofDays(5), Clock.systemUTC());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (MvCapifStore store = MvCapifStore.inMemory();
                CapifCoreFunction ccf = CapifCoreFunction.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                        .store(store).ca(ca).registrationSecret(REG_SEC).build().start()) {
            CcfEndpoint endpoint = new CcfEndpoint(ccf.localAddress(), "localhost", ca.certificate());
            ProviderDomain domain = ProviderDomain.register(endpoint, REG_SEC, "localhost");
            int before;
            synchronized (logs) {
                before = logs.list.size();
            }
            Instant start = Instant.now();
            try (ApiExposingFunction aef = new ApiExposingFunction(domain.aef(), endpoint, "127.0.0.1", "/x")
                    .meterRegistry(meters).start(0, 0)) {
                List<String> lines = new ArrayList<>();
                synchronized (logs) {
                    logs.list.subList(before, logs.list.size()).forEach(e -> lines.add(e.getLevel() + " "
                            + e.getFormattedMessage()));
                }
                String aefSubject = aef.certificate().getSubjectX500Principal().toString();
                assertThat(lines).filteredOn(l -> l.contains("(own aef)")).singleElement().asString()
                        .startsWith("WARN certificate " + aefSubject).contains("in 4 day(s)");
                assertThat(lines).filteredOn(l -> l.contains("(anchor ca)")).singleElement().asString()
                        .startsWith("WARN certificate CN=" + CA_NAME).contains("in 4 day(s)");

                for (var c : List.of(new Object[] {"own", "aef", aef.certificate()},
                        new Object[] {"anchor", "ca", ca.certificate()})) {
                    double left = meters.get("keygate_tls_certificate_expiry_seconds").tags("role", (String) c[0],
                            "name", (String) c[1]).gauge().value();
                    Instant notAfter = ((java.security.cert.X509Certificate) c[2]).getNotAfter().toInstant();
                    assertThat(left).as("%s/%s", c[0], c[1])
                            .isBetween((double) Duration.between(Instant.now(), notAfter).toSeconds() - 1,
                                    (double) Duration.between(start, notAfter).toSeconds() + 1);
                }
            }
        } finally {
            expiryLog.detachAppender(logs);
        }
    }
}
