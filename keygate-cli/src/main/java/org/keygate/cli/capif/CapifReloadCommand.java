package org.keygate.cli.capif;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keygate.capif.config.AefSettings;
import org.keygate.capif.config.CapifConfigException;
import org.keygate.capif.config.CcfSettings;
import org.keygate.cli.AdminReload;
import org.keygate.cli.ReloadTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code keygate capif ccf|aef reload --config FILE}: asks the CCF or AEF running from FILE to read it again, through
 * its admin listener ({@code POST /reload} on {@code admin}, docs/CAPIF.md "Reload"), as {@code keygate ims kms reload}
 * does. The file is checked here first, so that a typo is shown without a round trip (the running daemon would refuse
 * it the same way). Exit codes: 0 applied, 1 refused by the daemon, 2 the file is invalid or the daemon cannot be
 * asked.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running CCF or AEF re-read its configuration file (through its admin listener).")
public final class CapifReloadCommand implements Callable<Integer> {
    /** {@code keygate_capif_config_reloads_total{outcome="applied"|"refused"}}, as the IMS daemons' counter. */
    static final String RELOADS = "keygate.capif.config.reloads";

    @Spec
    CommandSpec spec;

    @Mixin
    ReloadTarget target;

    @Override
    public Integer call() throws InterruptedException {
        String daemon = spec.parent().name();
        Optional<InetSocketAddress> fileAdmin;
        try {
            fileAdmin = daemon.equals("ccf") ? CcfSettings.load(target.config).admin()
                    : AefSettings.load(target.config).admin();
        } catch (CapifConfigException e) {
            // One line, no usage text, as at start: the options were right, the file is not.
            spec.commandLine().getErr().println("keygate capif " + daemon + " reload: " + e.getMessage());
            return 2;
        }
        return AdminReload.askDaemonOf(spec.commandLine(), target.config, target.admin, fileAdmin, "admin");
    }
}
