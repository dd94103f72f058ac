package org.keygate.cli.lab;

import java.io.PrintStream;
import java.nio.file.Path;

/** What to try by hand while {@code keygate lab --keep-running} holds the lab up (docs/LAB.md explains more). */
final class LabHelp {
    private LabHelp() {}

    static void print(PrintStream out, Path labDir, LabNetwork net) {
        String sbi = LabOutcome.hostPort(net.visited.sbiAddress().orElseThrow());
        out.println();
        out.println("Everything keeps running (Ctrl-C stops it). Be the visited NF yourself:");
        out.println("  curl --http2-prior-knowledge -H 'content-type: application/json' \\");
        out.println("    -H '3gpp-Sbi-Target-apiRoot: " + LabSteps.UDM_ROOT + "' \\");
        out.println("    -d '" + LabSteps.BODY + "' \\");
        out.println("    http://" + sbi + LabSteps.GENERATE);
        out.println("  nghttp -v -H ':method: POST' -H '3gpp-sbi-target-apiroot: " + LabSteps.UDM_ROOT + "' \\");
        out.println("    -d body.json http://" + sbi + LabSteps.GENERATE);
        out.println("Configurations: " + net.homeConfig + ", " + net.visitedConfig + " (PKI in " + labDir + ")");
        out.println("Metrics: http://" + net.home.adminAddress().map(LabOutcome::hostPort).orElse("-")
                + "/metrics (home), http://" + net.visited.adminAddress().map(LabOutcome::hostPort).orElse("-")
                + "/metrics (visited)");
    }
}
