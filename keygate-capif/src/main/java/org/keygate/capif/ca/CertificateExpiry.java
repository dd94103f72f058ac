package org.keygate.capif.ca;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;

/**
 * The notAfter of a certificate the node depends on, as a gauge in seconds since the epoch
 * ({@value #NAME}{certificate}), so monitoring can alert before it lapses: an expired CA stops the whole CCF
 * (issue 13 item 6), an expired AEF certificate stops CAPIF-3. Only the date is exposed, never the certificate.
 */
public final class CertificateExpiry {
    /** Micrometer name; Prometheus shows {@code keygate_capif_certificate_not_after_seconds}. */
    public static final String NAME = "keygate.capif.certificate.not.after";

    private CertificateExpiry() {}

    /** {@code which}: {@code ca}, {@code ccf}, {@code aef}, ... */
    public static void register(MeterRegistry meters, String which, X509Certificate certificate) {
        double seconds = certificate.getNotAfter().toInstant().getEpochSecond();
        Gauge.builder(NAME, () -> seconds).baseUnit("seconds").tag("certificate", which)
                .description("notAfter of the certificate, seconds since 1970-01-01T00:00:00Z").register(meters);
    }

    /** {@link #register}, replacing the gauge {@code which} had (a reload's new certificate). */
    public static void replace(MeterRegistry meters, String which, X509Certificate certificate) {
        meters.find(NAME).tag("certificate", which).meters().forEach(meters::remove);
        register(meters, which, certificate);
    }
}
