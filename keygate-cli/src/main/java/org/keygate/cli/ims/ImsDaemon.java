package org.keygate.cli.ims;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.keygate.cli.UntilStopped;
import org.keygate.ims.config.ImsConfigException;
import picocli.CommandLine;

/**
 * What the three IMS daemons share: load and validate the file (an error names the member, exit 2), {@code --check},
 * the parts started in order and closed in reverse, the admin listener, and waiting for SIGTERM.
 *
 * <p>A stop drains first (issue 18, docs/IMS.md "Stopping"): the {@link #drain} steps run in the order given, all
 * together within {@code shutdown.drainTimeout} (each gets what is left of it), while every part, the admin listener
 * included, still runs; then the parts close in reverse.
 */
final class ImsDaemon implements AutoCloseable {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final List<DrainStep> drains = new ArrayList<>();
    private final java.time.Duration drainTimeout;

    /** One step of a draining stop, given the time left of the daemon's drain timeout. */
    @FunctionalInterface
    interface DrainStep {
        void drain(java.time.Duration left) throws Exception;
    }

    /** @param drainTimeout the file's {@code shutdown.drainTimeout}: what every {@link #drain} step shares */
    ImsDaemon(java.time.Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
    }

    /** Runs {@code step} at the stop, before any part closes. */
    void drain(DrainStep step) {
        drains.add(step);
    }

    static <T> T load(CommandLine.Model.CommandSpec spec, Path file, Function<Path, T> loader) {
        try {
            return loader.apply(file);
        } catch (ImsConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * {@code --check} of a daemon with a {@code tls} block (issue 18, as {@code keygate sepp --check}): an expired
     * certificate is refused (exit 2, the member named), one expiring within 30 days gets a {@code warning:} line.
     */
    static void checkCertificates(CommandLine.Model.CommandSpec spec, Path config,
            List<org.keygate.tls.expiry.CertificateFinding> findings) {
        for (var f : findings) {
            if (f.status() == org.keygate.tls.expiry.ExpiryStatus.EXPIRED) {
                throw new CommandLine.ParameterException(spec.commandLine(), config + ": " + f.member()
                        + ": expired at " + f.certificate().getNotAfter().toInstant() + " (expected: a certificate valid"
                        + " now (" + f.certificate().getSubjectX500Principal() + "))");
            }
        }
        findings.forEach(f -> spec.commandLine().getOut().println("warning: " + config + ": " + f + " (within "
                + org.keygate.tls.expiry.ExpiryStatus.SOON.toDays() + " days)"));
    }

    <T extends AutoCloseable> T keep(T part) {
        parts.add(part);
        return part;
    }

    /** The admin listener, if configured: /healthz answers UP (it has no dependencies to check). */
    Optional<InetSocketAddress> admin(Optional<InetSocketAddress> bind) {
        return admin(bind, Map::of);
    }

    /** The admin listener, if configured: /healthz answers UP while every check is empty, else DOWN with the reasons. */
    Optional<InetSocketAddress> admin(Optional<InetSocketAddress> bind, Supplier<Map<String, Optional<String>>> checks) {
        return bind.map(b -> keep(ImsAdminServer.start(b, meters, checks, Optional.empty())).localAddress());
    }

    /**
     * The admin listener with {@code POST /reload}, and SIGHUP, both running {@code reload} (issue 18, docs/IMS.md
     * "Reload").
     */
    Optional<InetSocketAddress> admin(Optional<InetSocketAddress> bind, Supplier<Map<String, Optional<String>>> checks,
            org.keygate.cli.DaemonReload reload) {
        keep(reload);
        org.keygate.cli.AdminReload.onHangup(reload::submit);
        return bind.map(b -> keep(ImsAdminServer.start(b, meters, checks, Optional.of(reload::submitForAdmin)))
                .localAddress());
    }

    /**
     * Watches the daemon's TLS certificates (issue 18, as a SEPP's): a gauge
     * {@code keygate_tls_certificate_expiry_seconds{role,name}} each, {@code role="own"} named {@code name} and
     * {@code role="anchor"} named {@code trustAnchors[i]}, and a WARN line at 30, 7 and 1 days before a notAfter (at
     * start when already within, then by an hourly check).
     */
    void watchCertificates(String name, org.keygate.tls.jsse.TlsKeyMaterial own,
            List<java.security.cert.X509Certificate> trustAnchors) {
        expiry = new org.keygate.tls.expiry.CertificateExpiry(meters, java.time.Clock.systemUTC());
        rewatchCertificates(name, own, trustAnchors);
        java.util.concurrent.ScheduledExecutorService hourly = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("certificate-expiry")
                        .unstarted(r));
        expiry.start(hourly);
        keep(hourly::shutdownNow);
    }

    private org.keygate.tls.expiry.CertificateExpiry expiry;
    private int anchorsWatched;

    /** After a reload: the new certificate and anchors replace the old under the same names, extra anchors go. */
    void rewatchCertificates(String name, org.keygate.tls.jsse.TlsKeyMaterial own,
            List<java.security.cert.X509Certificate> trustAnchors) {
        expiry.watch("own", name, own.leaf());
        for (int i = 0; i < trustAnchors.size(); i++) {
            expiry.watch("anchor", "trustAnchors[" + i + "]", trustAnchors.get(i));
        }
        for (int i = trustAnchors.size(); i < anchorsWatched; i++) {
            expiry.forget("anchor", "trustAnchors[" + i + "]");
        }
        anchorsWatched = trustAnchors.size();
    }

    /** Runs until SIGTERM/SIGINT, then closes everything started. */
    void untilStopped() throws InterruptedException {
        UntilStopped.await(this);
    }

    @Override
    public void close() {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        for (DrainStep step : drains) {
            try {
                // in whole milliseconds: the steps log it ("for at most PT9.998S")
                step.drain(java.time.Duration.ofMillis(Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (Exception e) {
                System.err.println("keygate: draining: " + e);
            }
        }
        drains.clear();
        boolean running = !parts.isEmpty();
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                System.err.println("keygate: closing " + parts.get(i).getClass().getSimpleName() + ": " + e);
            }
        }
        parts.clear();
        if (running) {
            System.out.println(STOPPED);
            System.out.flush();
        }
    }

    /** {@code keygate_ims_config_reloads_total{outcome}}: the reloads of the KMS's and the MRFC's files. */
    static final String RELOADS = "keygate.ims.config.reloads";

    /** Printed once everything is closed (the logs show a graceful stop). */
    static final String STOPPED = "keygate ims: stopped; listeners and state closed";

    /** Starting failed: close what is up, pass the error on. */
    RuntimeException abort(Exception e) {
        drains.clear(); // nothing was served yet: nothing to wait for
        close();
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
