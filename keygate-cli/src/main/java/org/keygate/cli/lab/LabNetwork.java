package org.keygate.cli.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.keygate.cli.lab.LabTopology.Port;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.sepp.labnf.AusfSettings;
import org.keygate.sepp.labnf.LabHomeNetwork;
import org.keygate.sepp.labnf.LabSubscriber;
import org.keygate.sepp.labnf.UdmSettings;
import org.keygate.sepp.node.SeppNode;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.pki.LabSepp;

/**
 * Everything the lab runs, on loopback: the home network's UDM and AUSF (real MILENAGE, TS 35.208 test set 1
 * subscriber), the home SEPP (001-01) and the visited SEPP (999-99), each from the YAML file the lab wrote.
 * Started in dependency order; closed in reverse, whatever failed.
 */
public final class LabNetwork implements AutoCloseable {
    static final String SUPI = "imsi-001010000000001";
    /** TS 35.208 test set 1: K and OPc of the lab subscriber. */
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    final LabHomeNetwork homeNfs;
    public final SeppNode home;
    public final SeppNode visited;
    final Path homeConfig;
    final Path visitedConfig;

    private LabNetwork(LabHomeNetwork homeNfs, SeppNode home, SeppNode visited, Path homeConfig, Path visitedConfig) {
        this.homeNfs = homeNfs;
        this.home = home;
        this.visited = visited;
        this.homeConfig = homeConfig;
        this.visitedConfig = visitedConfig;
    }

    /** The lab PKI: a root and a SEPP certificate for each of the two operators, valid 30 days. */
    public static void generatePki(Path labDir) throws IOException, java.security.GeneralSecurityException {
        LabPki.generate(labDir, List.of(
                new LabSepp(LabTopology.HOME, LabTopology.HOME_PLMN, LabTopology.HOME_PLMN.seppFqdn()),
                new LabSepp(LabTopology.VISITED, LabTopology.VISITED_PLMN, LabTopology.VISITED_PLMN.seppFqdn())),
                Duration.ofDays(30));
    }

    /** @param capabilities the SEPPs' N32 capability priority, e.g. "PRINS, TLS". */
    public static LabNetwork start(Path labDir, LabTopology t, String capabilities) throws IOException {
        Path homeFile = LabConfigWriter.home(labDir, t, capabilities, LabIpx.publicKey());
        Path visitedFile = LabConfigWriter.visited(labDir, t, capabilities, LabIpx.publicKey());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LabHomeNetwork nfs = LabHomeNetwork.start(
                    UdmSettings.builder().apiRoot("http://" + LabTopology.UDM_AUTHORITY)
                            .subscriber(LabSubscriber.of(SUPI, K, OPC, "8000", 0)).build(),
                    loopback(t.port(Port.UDM)), loopback(t.port(Port.AUSF)),
                    udm -> AusfSettings.builder().apiRoot("http://" + LabTopology.AUSF_AUTHORITY).udm(udm, "udm")
                            .build());
            started.add(nfs);
            SeppNode home = SeppNode.start(SeppConfigLoader.load(homeFile), Clock.systemUTC());
            started.add(home);
            SeppNode visited = SeppNode.start(SeppConfigLoader.load(visitedFile), Clock.systemUTC());
            return new LabNetwork(nfs, home, visited, homeFile, visitedFile);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() {
        closeAll(new ArrayList<>(List.of(homeNfs, home, visited)));
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }
}
