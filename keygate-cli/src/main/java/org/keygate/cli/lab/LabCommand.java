package org.keygate.cli.lab;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.keygate.cli.UntilStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate lab}: a complete roaming lab on loopback with no setup. Generates a lab PKI, writes the SEPPs'
 * configuration files, starts the home network's UDM and AUSF, the home SEPP (001-01) and the visited SEPP
 * (999-99), then walks a visited NF's request for a 5G HE AV through the chain, printing and checking each step.
 * Exits 0 only if every check held.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run a roaming lab on loopback: two SEPPs, the home UDM/AUSF, a visited NF's request.")
public final class LabCommand implements Callable<Integer> {
    /** N32-f protection the SEPPs put first: both offer both, so this is what they select (TS 33.501 13.5). */
    enum Mode { prins, tls }

    @Option(names = "--mode", defaultValue = "prins",
            description = "N32-f protection to select: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--no-ipx", description = "Connect the SEPPs directly, without the operators' IPX nodes.")
    boolean noIpx;

    @Option(names = "--keep-running", description = "Leave everything up after the checks (Ctrl-C stops it).")
    boolean keepRunning;

    @Option(names = "--base-port", defaultValue = "7443",
            description = "First of " + 10 + " consecutive loopback ports (default ${DEFAULT-VALUE}; 0 picks free ports).")
    int basePort;

    @Option(names = "--dir", description = "Directory for the PKI and configurations (default: a new temporary one).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Show the nodes' INFO logs.")
    boolean verbose;

    /** Where the report goes; tests read it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (basePort != 0 && (basePort < 1024 || basePort > 65535 - LabTopology.PORTS_NEEDED)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--base-port: " + basePort + " (expected: 0, or 1024.." + (65535 - LabTopology.PORTS_NEEDED) + ")");
        }
        if (!verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(Level.WARN);
        }
        Path labDir = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("keygate-lab-");
        LabNetwork.generatePki(labDir);
        LabTopology topology = LabTopology.of(basePort);
        String capabilities = mode == Mode.prins ? "PRINS, TLS" : "TLS, PRINS";
        // TS 33.501 13.1: with TLS on N32-f the protection is hop by hop; an IPX on the path only makes sense with PRINS.
        boolean viaIpx = !noIpx && mode == Mode.prins;
        out.println("keygate lab (N32-f " + mode.name().toUpperCase(Locale.ROOT) + ", "
                + (viaIpx ? "through both operators' IPXs (visited hub, then home hub)" : "SEPPs connected directly")
                + "): PKI and configurations in " + labDir);
        LabNetwork net = LabNetwork.start(labDir, topology, capabilities, viaIpx);
        boolean ok;
        try {
            ok = new LabSteps(net, out).run();
            out.println();
            out.println(ok ? "keygate lab: OK, every step behaved" : "keygate lab: FAILED, see the steps above");
            if (keepRunning) {
                LabHelp.print(out, labDir, net);
                UntilStopped.await(net);
            }
        } finally {
            if (!keepRunning) {
                net.close();
            }
        }
        return ok ? 0 : 1;
    }
}
