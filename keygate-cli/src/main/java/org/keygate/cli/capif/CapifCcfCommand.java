package org.keygate.cli.capif;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
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
import org.keygate.cli.UntilStopped;
import org.keygate.sbi.admin.AdminServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygate capif ccf --config ccf.yaml}: runs a CAPIF core function until stopped (SIGINT/SIGTERM). */
@Command(name = "ccf", mixinStandardHelpOptions = true,
        description = "Run a CAPIF core function from its YAML configuration (see docs/CAPIF.md).")
public final class CapifCcfCommand implements Callable<Integer> {
    /** Where in stateDir the AEFPSKs are kept across restarts (docs/CAPIF.md, Store). */
    static final String AEFPSK_DIR = "aefpsk";

    @Option(names = {"-c", "--config"}, required = true, description = "The CCF's YAML configuration file.")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
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
            ccf = start(settings);
        } catch (CapifStateException e) {
            // A state file it cannot use (corrupt, foreign, readable by others): one line naming it, as the AEF's.
            spec.commandLine().getErr().println("keygate capif ccf: cannot start: " + e.getMessage());
            return 1;
        }
        spec.commandLine().getOut().println("keygate capif ccf: listening on " + ccf.ccf().localAddress()
                + "; CA certificate " + settings.stateDir().resolve("ca.crt")
                + ccf.admin().map(a -> "; admin (healthz, metrics) on " + a.localAddress()).orElse(""));
        UntilStopped.await(ccf);
        return 0;
    }

    /** A started CCF, its store and its admin listener if configured; closing stops them. */
    record Running(CapifCoreFunction ccf, MvCapifStore store, Optional<AdminServer> admin) implements AutoCloseable {
        @Override
        public void close() {
            ccf.close(); // drains first; /healthz and /metrics answer meanwhile
            admin.ifPresent(AdminServer::close);
            store.close();
        }
    }

    static Running start(CcfSettings s) throws Exception {
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
            // Healthy while the CA is: once it lapses no handshake with an issued certificate succeeds.
            Optional<AdminServer> admin = s.admin().map(a -> AdminServer.start(a, meters,
                    () -> ca.certificate().getNotAfter().toInstant().isAfter(java.time.Instant.now())));
            return new Running(ccf, store, admin);
        } catch (Exception e) {
            if (ccf != null) {
                ccf.close();
            }
            store.close();
            throw e;
        }
    }
}
