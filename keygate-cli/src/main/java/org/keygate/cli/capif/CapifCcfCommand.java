package org.keygate.cli.capif;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.config.CapifCertificateValidity;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.store.AefPskFiles;
import org.keygate.capif.store.CapifStateException;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.cli.AdminReload;
import org.keygate.cli.DaemonReload;
import org.keygate.cli.UntilStopped;
import org.keygate.sbi.admin.AdminServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif ccf --config ccf.yaml}: runs a CAPIF core function until stopped (SIGINT/SIGTERM); SIGHUP, or
 * {@code keygate capif ccf reload}, makes it re-read the file (docs/CAPIF.md "Reload").
 */
@Command(name = "ccf", mixinStandardHelpOptions = true, subcommands = CapifReloadCommand.class,
        description = "Run a CAPIF core function from its YAML configuration (see docs/CAPIF.md).")
public final class CapifCcfCommand implements Callable<Integer> {
    /** Where in stateDir the AEFPSKs are kept across restarts (docs/CAPIF.md, Store). */
    static final String AEFPSK_DIR = "aefpsk";

    // Not required by picocli: `keygate capif ccf reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The CCF's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        AdminReload.requireConfig(spec, config);
        CcfSettings settings;
        try {
            settings = CcfSettings.load(config);
        } catch (CapifConfigException e) {
            // One line, no usage text: the options were right, the file is not.
            spec.commandLine().getErr().println("keygate capif ccf: " + e.getMessage());
            return 2;
        }
        if (check) {
            // Issue 18 item 3: an expired CA fails every CAPIF-1e/CAPIF-3 handshake with a certificate it issued.
            if (!CapifExpiryCheck.report(spec, "keygate capif ccf", () -> CapifCertificateValidity.ccf(settings,
                    Clock.systemUTC().instant()), "a new CA: docs/CAPIF.md, Certificate lifetimes; a CA within its "
                    + "renewal window is rolled over at the next start")) {
                return 2;
            }
            spec.commandLine().getOut().println(config + ": OK (CCF on " + settings.bind().getHostString() + ":"
                    + settings.bind().getPort() + ", state in "
                    + settings.stateDir() + ")");
            return 0;
        }
        Running ccf;
        try {
            ccf = start(config, settings);
        } catch (CapifStateException e) {
            // A state file it cannot use (corrupt, foreign, readable by others): one line naming it, as the AEF's.
            spec.commandLine().getErr().println("keygate capif ccf: cannot start: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("keygate capif ccf: listening on " + ccf.ccf().localAddress()
                + "; CA certificate " + settings.stateDir().resolve("ca.crt")
                + ccf.admin().map(a -> "; admin (healthz, metrics, reload) on " + a.localAddress()).orElse(""));
        AdminReload.onHangup(ccf.reload()::submit);
        UntilStopped.await(ccf);
        return 0;
    }

    /**
     * A started CCF, its store, its admin listener if configured, and the reload of its file (SIGHUP, {@code POST
     * /reload}); closing stops them.
     */
    record Running(CapifCoreFunction ccf, MvCapifStore store, Optional<AdminServer> admin, DaemonReload reload)
            implements AutoCloseable {
        @Override
        public void close() {
            reload.close();
            ccf.close(); // drains first; /healthz and /metrics answer meanwhile
            admin.ifPresent(AdminServer::close);
            store.close();
        }
    }

    /** Starts the CCF {@code s} was read from {@code file}, which a reload reads again. */
    static Running start(Path file, CcfSettings s) throws Exception {
        // Renewed here, before anything is issued, when its renewal window has begun (docs/CAPIF.md).
        CcfCertificateAuthority ca = org.keygate.capif.ca.CaRollover.renewIfDue(java.nio.file.Files.createDirectories(
                s.stateDir()), "keygate CCF " + s.serverNames().getFirst(), s.caLifetimes(), Clock.systemUTC());
        MvCapifStore store = MvCapifStore.open(s.stateDir().resolve("ccf.mv"));
        AefPskFiles keys;
        try {
            keys = AefPskFiles.open(s.stateDir().resolve(AEFPSK_DIR));
        } catch (CapifStateException e) {
            store.close();
            throw e;
        }
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CapifCoreFunction ccf = null;
        try {
            ccf = CapifCoreFunction.builder().bind(s.bind()).store(store).ca(ca)
                    .serverNames(s.serverNames()).registrationSecret(s.registrationSecret())
                    .securityMethods(s.securityMethods()).h2(s.h2()).drainTimeout(s.drainTimeout()).meterRegistry(meters)
                    .onboardingCredentialRequired(s.onboardingCredentialRequired()).aefPskFiles(keys).build().start();
            DaemonReload reload = reloadOf(file, s, ccf, meters);
            // Healthy while the CA is: once it lapses no handshake with an issued certificate succeeds.
            Optional<AdminServer> admin = s.admin().map(a -> AdminServer.start(a, meters,
                    () -> ca.certificate().getNotAfter().toInstant().isAfter(java.time.Instant.now()), Map.of(),
                    Map.of("/reload", reload::submitForAdmin)));
            return new Running(ccf, store, admin, reload);
        } catch (Exception e) {
            if (ccf != null) {
                ccf.close();
            }
            store.close();
            throw e;
        }
    }

    /**
     * The reload of the CCF's file (issue 18, docs/CAPIF.md "Reload"): validated as at start, refused when it changes
     * a member only a restart can ({@link CcfSettings#checkReloadable}), else its policy applies to the next request.
     */
    private static DaemonReload reloadOf(Path file, CcfSettings started, CapifCoreFunction ccf,
            PrometheusMeterRegistry meters) {
        CcfSettings[] running = {started};
        return new DaemonReload("CCF", file, meters, CapifReloadCommand.RELOADS, CapifConfigException.class, f -> {
            CcfSettings next = CcfSettings.load(f);
            next.checkReloadable(f, running[0]);
            ccf.reload(next.policy());
            String what = changes(running[0], next);
            running[0] = next;
            return what;
        });
    }

    /** One line for the log and {@code keygate capif ccf reload}: what the CCF runs with now, never the secret. */
    static String changes(CcfSettings before, CcfSettings after) {
        return "securityMethods " + after.securityMethods() + ", onboardingCredentials "
                + (after.onboardingCredentialRequired() ? "required" : "open") + ", registrationSecretFile "
                + (before.registrationSecret().equals(after.registrationSecret()) ? "unchanged" : "a new secret")
                + ", ca.certificateValidityDays " + after.caLifetimes().issued().toDays() + ", shutdown.drainTimeout "
                + after.drainTimeout();
    }
}
