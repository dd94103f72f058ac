package org.keygate.cli.lab;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * The lab's two operators and their ports: the home network (PLMN 001-01) answers, the visited network (999-99)
 * initiates, as a roaming subscriber's VPLMN SEPP would. Each scenario gets its own pair of SEPPs so that
 * {@code --keep-running} can leave all of them up at once.
 */
public record LabTopology(int basePort, List<Integer> ports) {
    static final String HOME = "home";
    static final String VISITED = "visited";
    static final PlmnId HOME_PLMN = PlmnId.parse("001-01");
    static final PlmnId VISITED_PLMN = PlmnId.parse("999-99");
    /** Each operator's roaming hub, announced in parameter exchange (TS 33.501 13.2.2.2 step 3). */
    static final String HOME_IPX = "ipx.home-hub.lab.example";
    static final String VISITED_IPX = "ipx.visited-hub.lab.example";
    /** N32-c and admin port per SEPP per scenario: 2 scenarios x 2 SEPPs x 2 listeners. */
    static final int PORTS_NEEDED = 8;

    /** {@code basePort} 0 picks free ephemeral ports (for tests and busy machines). */
    public static LabTopology of(int basePort) throws IOException {
        List<Integer> ports = new ArrayList<>();
        if (basePort == 0) {
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < PORTS_NEEDED; i++) {
                    ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                    held.add(s);
                    ports.add(s.getLocalPort());
                }
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        } else {
            for (int i = 0; i < PORTS_NEEDED; i++) {
                ports.add(basePort + i);
            }
        }
        return new LabTopology(basePort, List.copyOf(ports));
    }

    int n32cPort(int scenario, String sepp) {
        return ports.get(scenario * 4 + (sepp.equals(HOME) ? 0 : 1));
    }

    int adminPort(int scenario, String sepp) {
        return ports.get(scenario * 4 + (sepp.equals(HOME) ? 2 : 3));
    }
}
