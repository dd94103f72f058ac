package org.keygate.cli.sepp;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.keygate.sepp.config.CertificateValidity;
import org.keygate.sepp.config.ConfigException;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.node.SeppNode;
import org.keygate.cli.UntilStopped;
import org.keygate.tls.expiry.ExpiryStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keygate sepp --config sepp.yaml}: runs one SEPP until stopped (SIGINT/SIGTERM). */
@Command(name = "sepp", mixinStandardHelpOptions = true,
        description = "Run a SEPP from its YAML configuration (see docs/CONFIGURATION.md).")
public final class SeppCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "The SEPP's YAML configuration file.")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @Override
    public Integer call() throws InterruptedException {
        SeppConfig cfg = SeppConfigLoader.load(config);
        if (check) {
            // Issue 18: an expired certificate fails every handshake it takes part in; one about to expire soon will.
            var findings = CertificateValidity.check(cfg, Clock.systemUTC().instant());
            for (var f : findings) {
                if (f.status() == ExpiryStatus.EXPIRED) {
                    throw new ConfigException(f.field(), "expired at " + f.certificate().getNotAfter().toInstant(),
                            "a certificate valid now (" + f.certificate().getSubjectX500Principal() + ")");
                }
            }
            findings.forEach(f -> System.out.println("warning: " + f + " (within "
                    + ExpiryStatus.SOON.toDays() + " days)"));
            System.out.println(config + ": OK (SEPP " + cfg.name() + ", " + cfg.n32c().fqdn() + ", "
                    + cfg.peers().size() + " peer(s))");
            return 0;
        }
        SeppNode node = SeppNode.start(cfg, Clock.systemUTC());
        UntilStopped.await(node);
        return 0;
    }
}
