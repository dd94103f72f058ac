package org.keygate.cli.ipx;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.ipx.node.IpxNode;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.cli.UntilStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate ipx --config ipx.yaml}: runs one IPX node until stopped (SIGINT/SIGTERM); SIGHUP or
 * {@code keygate ipx reload} makes it re-read the file ({@link IpxNode#reloadFile}, docs/IPX.md).
 */
@Command(name = "ipx", mixinStandardHelpOptions = true, subcommands = IpxReloadCommand.class,
        description = "Run a Roaming Intermediary (IPX) node between SEPPs from its YAML configuration (see docs/IPX.md).")
public final class IpxCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    // Not required by picocli: `keygate ipx reload --config FILE` gives it to the subcommand instead.
    @Option(names = {"-c", "--config"}, description = "The IPX's YAML configuration file (required).")
    Path config;

    @Option(names = "--check", description = "Validate the configuration and exit.")
    boolean check;

    @Override
    public Integer call() throws InterruptedException {
        if (config == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=<config>'");
        }
        IpxNodeConfig cfg = IpxConfigLoader.load(config);
        if (check) {
            System.out.println(config + ": OK (IPX " + cfg.name() + ", " + cfg.providerId() + ", "
                    + cfg.sepps().size() + " SEPP(s), "
                    + cfg.modifications().map(m -> m.rules().size() + " modification rule(s)").orElse("no modifications")
                    + ")");
            return 0;
        }
        IpxNode node = IpxNode.start(cfg).reloadsFrom(config);
        org.keygate.cli.AdminReload.onHangup(node::reloadFile);
        UntilStopped.await(node);
        return 0;
    }
}
