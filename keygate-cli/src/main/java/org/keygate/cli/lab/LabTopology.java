package org.keygate.cli.lab;

import java.io.IOException;
import org.keygate.sbi.lab.FreePorts;
import java.util.ArrayList;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * The lab's two operators and their loopback ports: the home network (PLMN 001-01) with its UDM and AUSF, the
 * visited network (999-99) whose NF asks for authentication data, as a roaming subscriber's VPLMN would.
 */
public record LabTopology(int basePort, List<Integer> ports) {
    static final String HOME = "home";
    static final String VISITED = "visited";
    static final PlmnId HOME_PLMN = PlmnId.parse("001-01");
    static final PlmnId VISITED_PLMN = PlmnId.parse("999-99");
    /**
     * Each operator's roaming hub, announced in parameter exchange (TS 33.501 13.2.2.2 step 3): the visited one is the
     * cIPX, the home one the pIPX of the lab's requests (13.2.4.5.2).
     */
    static final String HOME_IPX = "ipx.home-hub.lab.example";
    static final String VISITED_IPX = "ipx.visited-hub.lab.example";
    static final String UDM_AUTHORITY = "udm.5gc.mnc001.mcc001.3gppnetwork.org";
    static final String AUSF_AUTHORITY = "ausf.5gc.mnc001.mcc001.3gppnetwork.org";

    /** The listeners, in port order from the base port ({@code IPX} is the visited operator's hub). */
    enum Port { HOME_N32C, HOME_N32F, HOME_ADMIN, VISITED_N32C, VISITED_N32F, VISITED_SBI, VISITED_ADMIN, UDM, AUSF,
        IPX, HOME_IPX }

    static final int PORTS_NEEDED = Port.values().length;

    /** {@code basePort} 0 picks free loopback ports ({@link FreePorts}; for tests and busy machines). */
    public static LabTopology of(int basePort) throws IOException {
        List<Integer> ports = new ArrayList<>();
        if (basePort == 0) {
            for (int p : FreePorts.loopback(PORTS_NEEDED)) {
                ports.add(p);
            }
        } else {
            for (int i = 0; i < PORTS_NEEDED; i++) {
                ports.add(basePort + i);
            }
        }
        return new LabTopology(basePort, List.copyOf(ports));
    }

    int port(Port p) {
        return ports.get(p.ordinal());
    }
}
