package org.keygate.cli.ipx;

import java.util.concurrent.Callable;
import org.keygate.cli.AdminReload;
import org.keygate.cli.ReloadTarget;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.ipx.node.IpxNodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code keygate ipx reload --config FILE}: asks the IPX node running from FILE to read it again, through its admin
 * listener ({@code POST /reload}), as {@code keygate sepp reload} does for a SEPP. Exit codes: 0 applied, 1 refused by
 * the node, 2 the file is invalid or the node cannot be asked.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running IPX node re-read its configuration file (through its admin listener).")
public final class IpxReloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReloadTarget target;

    @Override
    public Integer call() throws InterruptedException {
        IpxNodeConfig cfg = IpxConfigLoader.load(target.config); // a ConfigException: exit 2 with the member named
        return AdminReload.askNodeOf(spec.commandLine(), target.config, target.admin, cfg.admin());
    }
}
