package org.keygate.cli.capif;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ccf.CapifCoreFunction;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.capif.config.CcfSettings;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.cli.UntilStopped;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygate capif ccf --config ccf.yaml}: runs a CAPIF core function until stopped (SIGINT/SIGTERM). */
@Command(name = "ccf", mixinStandardHelpOptions = true,
        description = "Run a CAPIF core function from its YAML configuration (see docs/CAPIF.md).")
public final class CapifCcfCommand implements Callable<Integer> {
    /** The CA issues certificates valid this long (invokers and provider functions re-onboard after). */
    static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

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
            spec.commandLine().getOut().println(config + ": OK (CCF on " + settings.bind().getHostString() + ":"
                    + settings.bind().getPort() + ", state in "
                    + settings.stateDir() + ")");
            return 0;
        }
        Running ccf = start(settings);
        spec.commandLine().getOut().println("keygate capif ccf: listening on " + ccf.ccf().localAddress()
                + "; CA certificate " + settings.stateDir().resolve("ca.crt"));
        UntilStopped.await(ccf);
        return 0;
    }

    /** A started CCF and its store; closing stops both. */
    record Running(CapifCoreFunction ccf, MvCapifStore store) implements AutoCloseable {
        @Override
        public void close() {
            ccf.close();
            store.close();
        }
    }

    static Running start(CcfSettings s) throws Exception {
        CcfCertificateAuthority ca = CcfCertificateAuthority.openOrCreate(java.nio.file.Files.createDirectories(
                s.stateDir()), "keygate CCF " + s.serverNames().getFirst(), CERTIFICATE_VALIDITY, Clock.systemUTC());
        MvCapifStore store = MvCapifStore.open(s.stateDir().resolve("ccf.mv"));
        try {
            return new Running(CapifCoreFunction.builder().bind(s.bind()).store(store).ca(ca)
                    .serverNames(s.serverNames()).registrationSecret(s.registrationSecret())
                    .securityMethods(s.securityMethods()).h2(s.h2()).build().start(), store);
        } catch (Exception e) {
            store.close();
            throw e;
        }
    }
}
