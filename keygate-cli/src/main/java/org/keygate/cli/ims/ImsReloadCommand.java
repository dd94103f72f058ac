package org.keygate.cli.ims;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.keygate.cli.AdminReload;
import org.keygate.cli.ReloadTarget;
import org.keygate.ims.config.KmsSettings;
import org.keygate.ims.config.MrfcSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code keygate ims kms|mrfc reload --config FILE}: asks the daemon running from FILE to read it again, through its
 * admin listener ({@code POST /reload} on {@code admin}, docs/IMS.md "Reload"), as {@code keygate sepp reload} does.
 * The file is checked here first, so that a typo is shown without a round trip (the running daemon would refuse it
 * the same way). Exit codes: 0 applied, 1 refused by the daemon, 2 the file is invalid or the daemon cannot be asked.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running KMS or MRFC re-read its configuration file (through its admin listener).")
public final class ImsReloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReloadTarget target;

    @Override
    public Integer call() throws InterruptedException {
        String daemon = spec.parent().name();
        Optional<InetSocketAddress> fileAdmin = daemon.equals("kms")
                ? ImsDaemon.load(spec, target.config, KmsSettings::load).admin()
                : ImsDaemon.load(spec, target.config, MrfcSettings::load).admin();
        return AdminReload.askDaemonOf(spec.commandLine(), target.config, target.admin, fileAdmin, "admin");
    }
}
