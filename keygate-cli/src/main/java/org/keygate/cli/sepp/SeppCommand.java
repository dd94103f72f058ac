package org.keygate.cli.sepp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.keygate.sepp.config.CertificateValidity;
import org.keygate.sbi.config.ConfigException;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.node.SeppNode;
import org.keygate.cli.UntilStopped;
import org.keygate.tls.expiry.ExpiryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate sepp --config sepp.yaml}: runs one SEPP until stopped (SIGINT/SIGTERM); SIGHUP makes it re-read the
 * file ({@link SeppNode#reloadFile}, docs/OPERATIONS.md "Reload"), as {@code keygate sepp reload} does through the admin
 * listener.
 */
@Command(name = "sepp", mixinStandardHelpOptions = true, subcommands = SeppReloadCommand.class,
        description = "Run a SEPP from its YAML configuration (see docs/CONFIGURATION.md).")
public final class SeppCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // Not required by picocli: `keygate sepp reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The SEPP's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=<config>'");
        }
        SeppConfig cfg = SeppConfigLoader.load(config);
        if (check) {
            // Issue 18: an expired certificate fails every handshake it takes part in; one about to expire soon will.
            var findings = CertificateValidity.check(cfg, Clock.systemUTC().instant());
            for (var f : findings) {
                if (f.status() == ExpiryStatus.EXPIRED) {
                    throw new ConfigException(f.member(), "expired at " + f.certificate().getNotAfter().toInstant(),
                            "a certificate valid now (" + f.certificate().getSubjectX500Principal() + ")");
                }
            }
            findings.forEach(f -> System.out.println("warning: " + f + " (within "
                    + ExpiryStatus.SOON.toDays() + " days)"));
            System.out.println(config + ": OK (SEPP " + cfg.name() + ", " + cfg.n32c().fqdn() + ", "
                    + cfg.peers().size() + " peer(s))");
            return 0;
        }
        SeppNode node = SeppNode.start(cfg, Clock.systemUTC()).reloadsFrom(config);
        onHangup(node);
        UntilStopped.await(node);
        return 0;
    }

    /** SIGHUP: {@link SeppNode#reloadFile}. */
    static void onHangup(SeppNode node) {
        org.keygate.cli.AdminReload.onHangup(node::reloadFile);
    }
}
