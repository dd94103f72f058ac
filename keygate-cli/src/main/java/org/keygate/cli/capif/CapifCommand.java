package org.keygate.cli.capif;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keygate capif}: the CAPIF subcommands. */
@Command(name = "capif", mixinStandardHelpOptions = true,
        description = "CAPIF (TS 29.222 / TS 33.122) with CAPIF-2e TLS-PSK.",
        subcommands = {CapifLabCommand.class, CapifCcfCommand.class, CapifAefCommand.class,
                CapifInvokerCommand.class, CapifCredentialCommand.class, CapifCaCommand.class})
public final class CapifCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
