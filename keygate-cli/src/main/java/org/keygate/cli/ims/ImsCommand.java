package org.keygate.cli.ims;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code keygate ims ...}: IMS TCP-media security (TS 23.333 5.20). */
@Command(name = "ims", mixinStandardHelpOptions = true, subcommands = {ImsLabCommand.class, ImsKmsCommand.class, ImsMrfcCommand.class,
        ImsMrfpCommand.class},
        description = "IMS TCP-media end-to-end security: MIKEY-TICKET, KMS, MRFC, MRFP, MSRP and BFCP over TLS-PSK.")
public final class ImsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
