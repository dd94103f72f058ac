package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.ca.CaLifetimes;
import org.keygate.capif.ca.CaRollover;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.capif.tls.CapifTls;

/**
 * Issue 13 item 6 on real CCFs over TLS, with a CA of short, configured lifetimes: issued certificates end with their
 * CA; a CA inside its renewal window is rolled over at start; invokers onboarded under the old CA keep working (the
 * CCF trusts both, and presents a cross certificate to parties that trust only the old one), new ones get
 * certificates from the new CA; the expiry gauges match the certificates' own notAfter as the JDK reads them.
 */
class CaRolloverTest {
    static final CaLifetimes SHORT = new CaLifetimes(Duration.ofDays(10), Duration.ofDays(5), Duration.ofDays(3));
    @TempDir
    Path dir;
    final MvCapifStore store = MvCapifStore.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    static List<X509Certificate> read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        }
    }

    private static int subscribe(Wire w, String subscriberId) throws Exception {
        return w.send(Api.EVENTS, "POST", CapifEventsTest.subscriptions(subscriberId), new EventSubscription(
                List.of("SERVICE_API_AVAILABLE"), null, null, "http://127.0.0.1:9/cb", null, null, "0")).status();
    }

    /** The CCF's certificate as a TLS client receives it. */
    private static X509Certificate served(int port, X509Certificate trust) throws Exception {
        try (SSLSocket s = (SSLSocket) CapifTls.context(null, List.of(), trust).getSocketFactory()
                .createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void aRollOverKeepsOldInvokersWorkingAndNewOnesGetTheNewCa() throws Exception {
        Instant now = Instant.now();
        // A CA made 8 days ago for 10: 2 days left, inside its 3-day renewal window.
        CcfCertificateAuthority.openOrCreate(dir, "rollover CA", SHORT, Clock.fixed(now.minus(Duration.ofDays(8)),
                ZoneOffset.UTC));
        X509Certificate oldCa = read(dir.resolve("ca.crt")).getFirst();

        CcfLab.Invoker early;
        try (CcfLab before = new CcfLab(store, CcfCertificateAuthority.openOrCreate(dir, "rollover CA", SHORT,
                Clock.systemUTC()), Capif1eSecrets.NONE)) {
            early = before.onboard("http://127.0.0.1:9/cb");
            // Capped: 5 days from now would outlive the CA by 3.
            assertThat(CcfLab.cert(early.certificatePem()).getNotAfter()).isEqualTo(oldCa.getNotAfter());
        }

        CcfCertificateAuthority rolled = CaRollover.renewIfDue(dir, "rollover CA", SHORT, Clock.systemUTC());
        X509Certificate newCa = read(dir.resolve("ca.crt")).getFirst();
        assertThat(newCa).isNotEqualTo(oldCa);
        assertThat(newCa.getNotAfter().toInstant()).isAfter(now.plus(Duration.ofDays(9)));
        assertThat(read(dir.resolve("ca-previous.crt"))).containsExactly(oldCa);
        assertThat(read(dir.resolve(CcfCertificateAuthority.BUNDLE))).containsExactly(newCa, oldCa);
        X509Certificate cross = read(dir.resolve("ca-cross.crt")).getFirst();
        cross.verify(oldCa.getPublicKey());
        assertThat(cross.getPublicKey()).isEqualTo(newCa.getPublicKey());
        assertThat(cross.getNotAfter()).isEqualTo(oldCa.getNotAfter());
        assertThatThrownBy(() -> CaRollover.roll(dir, "rollover CA", SHORT, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("still in progress");

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Instant gaugeNow = Instant.now();
        try (CcfLab after = new CcfLab(store, rolled, Capif1eSecrets.NONE,
                b -> b.meterRegistry(meters).clock(Clock.fixed(gaugeNow, ZoneOffset.UTC)))) {
            // The early invoker, its certificate from the old CA and trusting only the old CA, still works.
            assertThat(subscribe(Wire.of(early.tls(), after.port, HttpClient.Version.HTTP_2), early.id()))
                    .isEqualTo(201);
            // A party that trusts only the old CA still validates the CCF (through the cross certificate) and may
            // onboard; a new invoker trusting the new CA gets its certificate from the new CA.
            // (An answer at all, here 405 for a GET, means TLS validated the CCF's chain.)
            assertThat(Wire.of(CapifTls.context(null, List.of(), oldCa), after.port, HttpClient.Version.HTTP_1_1)
                    .sendRaw("GET", "/api-invoker-management/v1/onboardedInvokers/none", null).status())
                    .isEqualTo(405);
            CcfLab.Invoker late = after.onboard("http://127.0.0.1:9/cb");
            X509Certificate lateCert = CcfLab.cert(late.certificatePem());
            assertThat(lateCert.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
            lateCert.verify(newCa.getPublicKey());
            assertThat(lateCert.getNotAfter().toInstant()).isAfter(oldCa.getNotAfter().toInstant())
                    .isBefore(newCa.getNotAfter().toInstant());
            assertThat(subscribe(Wire.of(late.tls(), after.port, HttpClient.Version.HTTP_2), late.id()))
                    .isEqualTo(201);

            X509Certificate ccf = served(after.port, newCa);
            assertThat(served(after.port, oldCa)).isEqualTo(ccf);
            assertThat(ccf.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
            assertThat(remaining(meters, "anchor", "ca")).isEqualTo(secondsUntil(gaugeNow, newCa));
            assertThat(remaining(meters, "anchor", "ca-previous")).isEqualTo(secondsUntil(gaugeNow, oldCa));
            assertThat(remaining(meters, "own", "ccf")).isEqualTo(secondsUntil(gaugeNow, ccf));
        }

        // Past the old CA's end: retired at the next start, the bundle holds the new CA only.
        Clock later = Clock.fixed(oldCa.getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
        CcfCertificateAuthority retired = CaRollover.renewIfDue(dir, "rollover CA", SHORT, later);
        assertThat(retired.previous()).isEmpty();
        assertThat(retired.certificate()).isEqualTo(newCa);
        assertThat(dir.resolve("ca-previous.crt")).doesNotExist();
        assertThat(read(dir.resolve(CcfCertificateAuthority.BUNDLE))).containsExactly(newCa);
    }

    private static double remaining(SimpleMeterRegistry meters, String role, String name) {
        return meters.get("keygate_tls_certificate_expiry_seconds").tags("role", role, "name", name).gauge().value();
    }

    private static double secondsUntil(Instant now, X509Certificate c) {
        return Duration.between(now, c.getNotAfter().toInstant()).toSeconds();
    }
}
