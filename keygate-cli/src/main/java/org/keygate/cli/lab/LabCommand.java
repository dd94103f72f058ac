package org.keygate.cli.lab;

import ch.qos.logback.classic.Level;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code keygate lab}: a roaming lab on loopback with no setup. Generates a lab PKI in a temporary directory,
 * starts a home (001-01) and a visited (999-99) SEPP, runs the N32-c handshake once with PRINS selected and once
 * with TLS selected, prints what each side agreed and exits 0 only if both sides agree in both runs.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run a two-SEPP roaming lab on loopback and check that both sides agree.")
public final class LabCommand implements Callable<Integer> {
    @Option(names = "--keep-running", description = "Leave the SEPPs up after the checks (Ctrl-C stops them).")
    boolean keepRunning;

    @Option(names = "--base-port", defaultValue = "7443",
            description = "First of 8 consecutive loopback ports (default ${DEFAULT-VALUE}; 0 picks free ports).")
    int basePort;

    @Option(names = "--dir", description = "Directory for the PKI and configurations (default: a new temporary one).")
    Path dir;

    @Option(names = {"-v", "--verbose"}, description = "Show the SEPPs' INFO logs.")
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
        LabScenario.generatePki(labDir);
        LabTopology topology = LabTopology.of(basePort);
        out.println("keygate lab: PKI and configurations in " + labDir);

        List<LabScenario> running = new ArrayList<>();
        boolean allAgree = true;
        try {
            String[][] plans = {{"PRINS selected (home prefers PRINS)", "PRINS,TLS"},
                                {"TLS selected (home prefers TLS)", "TLS,PRINS"}};
            for (int i = 0; i < plans.length; i++) {
                LabScenario scenario = LabScenario.start("Scenario " + (i + 1) + ": " + plans[i][0], labDir, topology,
                        i, List.of(plans[i][1].split(",")));
                running.add(scenario);
                LabOutcome outcome = scenario.run();
                outcome.print(out, scenario);
                allAgree &= outcome.agree();
            }
            out.println();
            out.println(allAgree ? "keygate lab: OK, both SEPPs agree in every scenario"
                    : "keygate lab: FAILED, the SEPPs disagree");
            if (keepRunning) {
                LabHelp.print(out, labDir, running);
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.forEach(LabScenario::close);
                    forever.countDown();
                }, "keygate-lab-shutdown"));
                forever.await();
            }
        } finally {
            if (!keepRunning) {
                running.forEach(LabScenario::close);
            }
        }
        return allAgree ? 0 : 1;
    }
}
