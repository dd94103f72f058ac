package org.keygate.cli.lab;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** What to try by hand while {@code keygate lab --keep-running} holds the SEPPs up (docs/LAB.md explains more). */
final class LabHelp {
    private LabHelp() {}

    static void print(PrintStream out, Path labDir, List<LabScenario> running) {
        LabScenario first = running.getFirst();
        int homePort = first.home.n32cAddress().getPort();
        String homeFqdn = LabTopology.HOME_PLMN.seppFqdn();
        out.println();
        out.println("The SEPPs keep running (Ctrl-C stops them). Drive exchange-capability by hand, as the visited SEPP:");
        out.println("  cd " + labDir);
        out.println("  curl --http2 --cert visited/sepp.crt --key visited/sepp.key --cacert home/ca.crt \\");
        out.println("    --resolve " + homeFqdn + ":" + homePort + ":127.0.0.1 \\");
        out.println("    -H 'content-type: application/json' \\");
        out.println("    -d '{\"sender\":\"" + LabTopology.VISITED_PLMN.seppFqdn()
                + "\",\"supportedSecCapabilityList\":[\"PRINS\",\"TLS\"]}' \\");
        out.println("    https://" + homeFqdn + ":" + homePort + "/n32c-handshake/v1/exchange-capability");
        for (LabScenario s : running) {
            out.println("  " + s.title + ": metrics at http://"
                    + s.home.adminAddress().map(LabOutcome::hostPort).orElse("-") + "/metrics and http://"
                    + s.visited.adminAddress().map(LabOutcome::hostPort).orElse("-") + "/metrics");
        }
    }
}
