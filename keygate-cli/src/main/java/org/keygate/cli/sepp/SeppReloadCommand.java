package org.keygate.cli.sepp;

import java.util.concurrent.Callable;
import org.keygate.cli.AdminReload;
import org.keygate.cli.ReloadTarget;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.config.SeppConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code keygate sepp reload --config FILE}: asks the SEPP running from FILE to read it again, through its admin
 * listener ({@code POST /reload} on {@code admin.listen}, docs/OPERATIONS.md "Reload"); the SEPP validates the file
 * itself and answers what it did. The file is checked here first, so that a typo is shown without a round trip (the
 * running SEPP would refuse it the same way). Exit codes: 0 applied, 1 refused by the SEPP, 2 the file is invalid or
 * the SEPP cannot be asked.
 */
@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Make a running SEPP re-read its configuration file (through its admin listener).")
public final class SeppReloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ReloadTarget target;

    @Override
    public Integer call() throws InterruptedException {
        SeppConfig cfg = SeppConfigLoader.load(target.config); // a ConfigException: exit 2 with the member named
        return AdminReload.askNodeOf(spec.commandLine(), target.config, target.admin, cfg.admin());
    }
}
