package org.keygate.cli;

import org.keygate.cli.capif.CapifCommand;
import org.keygate.cli.clusterlab.ClusterLabCommand;
import org.keygate.cli.ims.ImsCommand;
import org.keygate.cli.ipx.IpxCommand;
import org.keygate.cli.lab.LabCommand;
import org.keygate.cli.labnf.LabNfCommand;
import org.keygate.cli.pki.PkiCommand;
import org.keygate.cli.sepp.SeppCommand;
import org.keygate.cli.status.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code keygate} executable: one command, a subcommand per function. */
@Command(
        name = "keygate",
        mixinStandardHelpOptions = true,
        versionProvider = KeygateVersion.class,
        description = "3GPP security functions anchored in TLS: SEPP (N32-c, N32-f), CAPIF-2e TLS-PSK, IMS media.",
        subcommands = {LabCommand.class, ClusterLabCommand.class, SeppCommand.class, PkiCommand.class, IpxCommand.class,
                CapifCommand.class, ImsCommand.class, LabNfCommand.class, StatusCommand.class})
public final class KeygateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with keygate's error handling, as {@link #main} runs it. */
    public static CommandLine commandLine() {
        return new CommandLine(new KeygateCommand()).setExecutionExceptionHandler(new CliErrors());
    }
}
