package org.keygate.cli.capif;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.keygate.capif.ca.CaLifetimes;
import org.keygate.capif.ca.CaRollover;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.capif.config.CcfSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate capif ca roll}: the operator rolls the CCF's CA over now (docs/CAPIF.md, {@link CaRollover}), with the
 * CCF stopped (its store and CA files are one process's); the CCF takes the new CA at its next start. A CCF also rolls
 * by itself at start once its CA is inside the renewal window ({@code ca.renewBeforeDays}).
 */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "The CCF's CA (see docs/CAPIF.md).",
        subcommands = {CapifCaCommand.Roll.class})
public final class CapifCaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "roll", mixinStandardHelpOptions = true,
            description = "Roll the CCF's CA over: a new CA issues, the old one stays trusted until it expires.")
    static final class Roll implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "The CCF's configuration file (stateDir, ca).")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            CcfSettings s;
            try {
                s = CcfSettings.load(config);
            } catch (CapifConfigException e) {
                spec.commandLine().getErr().println("keygate capif ca roll: " + e.getMessage());
                return 2;
            }
            Path dir = s.stateDir();
            if (!Files.exists(dir.resolve("ca.crt")) || !Files.exists(dir.resolve("ca.key"))) {
                spec.commandLine().getErr().println("keygate capif ca roll: no ca.crt and ca.key in " + dir
                        + " (the CCF creates them at its first start)");
                return 2;
            }
            CaLifetimes lifetimes = s.caLifetimes();
            CcfCertificateAuthority ca;
            try {
                ca = CaRollover.roll(dir, "keygate CCF " + s.serverNames().getFirst(), lifetimes, Clock.systemUTC());
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("keygate capif ca roll: " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("keygate capif ca roll: new CA " + ca.certificate()
                    .getSubjectX500Principal() + " valid until " + ca.certificate().getNotAfter().toInstant()
                    + "; the previous one is trusted until " + ca.previous().orElseThrow().getNotAfter().toInstant()
                    + "; hand " + dir.resolve(CcfCertificateAuthority.BUNDLE) + " to invokers and provider domains,"
                    + " then restart the CCF");
            return 0;
        }
    }
}
