package org.keygate.tls.expiry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates a node relies on, each under a role ({@code own}, {@code anchor}, {@code peer}) and a name: the
 * gauge {@code keygate_tls_certificate_expiry_seconds{role,name}} says how many seconds each has left (negative once
 * expired), and a WARN line is logged when one comes within 30, 7 and 1 days of its notAfter, once per threshold and
 * certificate (not per request). A peer's entry is its last-seen leaf: a renewed certificate replaces the old one.
 */
public final class CertificateExpiry {
    private static final Logger log = LoggerFactory.getLogger(CertificateExpiry.class);
    /** The WARN thresholds, largest first. */
    static final List<Duration> THRESHOLDS = List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1));

    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, Watched> watched = new ConcurrentHashMap<>();

    public CertificateExpiry(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** Watches nothing: for trust built without a node around it (tests, tools). */
    public static CertificateExpiry none() {
        return new CertificateExpiry(null, Clock.systemUTC());
    }

    /** Watches {@code cert} as {@code role}/{@code name}, replacing what was watched under that name before. */
    public void watch(String role, String name, X509Certificate cert) {
        if (meters == null) {
            return;
        }
        Key key = new Key(role, name);
        Watched w = watched.computeIfAbsent(key, k -> {
            Watched n = new Watched(cert);
            Gauge.builder("keygate_tls_certificate_expiry_seconds", n, x -> secondsLeft(x.cert))
                    .tag("role", role).tag("name", name)
                    .description("seconds until the certificate expires (negative: expired)").register(meters);
            return n;
        });
        synchronized (w) {
            if (!w.cert.equals(cert)) {
                w.cert = cert;
                w.warned = 0;
            }
        }
        warnIfDue(key, w).ifPresent(log::warn);
    }

    /** Stops watching what {@code role}/{@code name} named (a partner a reload removed): its gauge goes. */
    public void forget(String role, String name) {
        if (meters == null || watched.remove(new Key(role, name)) == null) {
            return;
        }
        meters.find("keygate_tls_certificate_expiry_seconds").tags("role", role, "name", name).meters()
                .forEach(meters::remove);
    }

    /**
     * Logs the WARN lines now due and returns them; run it periodically (hourly is enough for day thresholds).
     */
    public List<String> warnDue() {
        List<String> lines = new java.util.ArrayList<>();
        watched.forEach((k, w) -> warnIfDue(k, w).ifPresent(lines::add));
        lines.forEach(log::warn);
        return lines;
    }

    /** {@link #warnDue} every hour on {@code scheduler}. */
    public void start(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(() -> {
            warnDue();
        }, 1, 60, TimeUnit.MINUTES);
    }

    private java.util.Optional<String> warnIfDue(Key key, Watched w) {
        synchronized (w) {
            Instant notAfter = w.cert.getNotAfter().toInstant();
            Duration left = Duration.between(clock.instant(), notAfter);
            int due = 0;
            for (Duration t : THRESHOLDS) {
                if (left.compareTo(t) <= 0) {
                    due++;
                }
            }
            if (due <= w.warned) {
                return java.util.Optional.empty();
            }
            w.warned = due;
            String who = "certificate " + w.cert.getSubjectX500Principal() + " (" + key.role + " " + key.name + ")";
            return java.util.Optional.of(left.isNegative() ? who + " EXPIRED at " + notAfter
                    : who + " expires at " + notAfter + ", in " + left.toDays() + " day(s) " + left.toHoursPart()
                            + " hour(s)");
        }
    }

    private double secondsLeft(X509Certificate cert) {
        return Duration.between(clock.instant(), cert.getNotAfter().toInstant()).toSeconds();
    }

    private record Key(String role, String name) {}

    /** The certificate under one key and how many thresholds were already logged for it. */
    private static final class Watched {
        X509Certificate cert;
        int warned;

        Watched(X509Certificate cert) {
            this.cert = cert;
        }
    }
}
