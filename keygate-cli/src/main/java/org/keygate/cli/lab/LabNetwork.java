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
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import org.keygate.sbi.json.SbiJson;
import org.keygate.ipx.config.IpxConfigLoader;
import org.keygate.sepp.config.SeppConfigLoader;
import org.keygate.ipx.node.IpxNode;
import org.keygate.n32.n32c.model.ApiIeMapping;
import org.keygate.n32.n32c.model.IeInfo;
import org.keygate.n32.n32c.model.ProtectionPolicy;
import org.keygate.n32.policy.DefaultProtectionPolicy;
import org.keygate.labnf.AusfSettings;
import org.keygate.labnf.LabHomeNetwork;
import org.keygate.labnf.LabSubscriber;
import org.keygate.labnf.UdmSettings;
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

    /** What the visited hub writes into generate-auth-data requests (a value only it would put there). */
    static final String IPX_AUSF_INSTANCE_ID = "0b5e1f2a-9c3d-4e7f-8a6b-1c2d3e4f5a6b";
    /** What the home hub adds to generate-auth-data answers (TS 29.571 SupportedFeatures, a value the UDM never sends). */
    static final String HOME_IPX_SUPPORTED_FEATURES = "4a7";

    final LabHomeNetwork homeNfs;
    public final SeppNode home;
    public final SeppNode visited;
    /** The visited operator's hub between the SEPPs; empty when they connect directly. */
    final Optional<IpxNode> ipx;
    /** The home operator's hub, between the visited hub and the home SEPP; empty when the SEPPs connect directly. */
    final Optional<IpxNode> homeIpx;
    final Path homeConfig;
    final Path visitedConfig;

    private LabNetwork(LabHomeNetwork homeNfs, SeppNode home, SeppNode visited, Optional<IpxNode> ipx,
            Optional<IpxNode> homeIpx, Path homeConfig, Path visitedConfig) {
        this.homeNfs = homeNfs;
        this.home = home;
        this.visited = visited;
        this.ipx = ipx;
        this.homeIpx = homeIpx;
        this.homeConfig = homeConfig;
        this.visitedConfig = visitedConfig;
    }

    /**
     * The lab PKI: a root and a SEPP certificate for each of the two operators, and a root and certificate of its
     * own for each operator's hub (no PLMN name), valid 30 days.
     */
    public static void generatePki(Path labDir) throws IOException, java.security.GeneralSecurityException {
        LabPki.generate(labDir, List.of(
                new LabSepp(LabTopology.HOME, LabTopology.HOME_PLMN, LabTopology.HOME_PLMN.seppFqdn()),
                new LabSepp(LabTopology.VISITED, LabTopology.VISITED_PLMN, LabTopology.VISITED_PLMN.seppFqdn())),
                Duration.ofDays(30));
        LabPki.generateIntermediary(labDir, "ipx", LabTopology.VISITED_IPX, Duration.ofDays(30));
        LabPki.generateIntermediary(labDir, "home-ipx", LabTopology.HOME_IPX, Duration.ofDays(30));
    }

    /**
     * The default policy, plus (TS 33.501 13.2.3.4): the visited hub may modify ausfInstanceId of generate-auth-data
     * requests, the home hub supportedFeatures of its answers.
     */
    static ProtectionPolicy visitedPolicy() {
        ProtectionPolicy d = DefaultProtectionPolicy.get();
        List<ApiIeMapping> apis = new ArrayList<>(d.apiIeMappingList());
        apis.add(new ApiIeMapping(new TextNode("/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data"),
                "POST", List.of(new IeInfo("BODY", "NONSENSITIVE", "/ausfInstanceId", null, false,
                        java.util.Map.of(LabTopology.VISITED_IPX, true)), new IeInfo("BODY", "NONSENSITIVE", null,
                        "/supportedFeatures", false, java.util.Map.of(LabTopology.HOME_IPX, true)))));
        return new ProtectionPolicy(apis, d.dataTypeEncPolicy());
    }

    /**
     * @param capabilities the SEPPs' N32 capability priority, e.g. "PRINS, TLS".
     * @param viaIpx whether N32-f goes through the visited operator's hub (PRINS only: TLS is hop by hop).
     */
    public static LabNetwork start(Path labDir, LabTopology t, String capabilities, boolean viaIpx)
            throws IOException {
        LabIpx hub = LabIpx.generate();
        hub.write(labDir.resolve("ipx").resolve("signing.key"));
        LabIpx homeHub = LabIpx.generate();
        homeHub.write(labDir.resolve("home-ipx").resolve("signing.key"));
        // Both operators configure the policy they agreed (TS 33.501 13.2.3.6 NOTE 1).
        String policy = new String(SbiJson.write(visitedPolicy()), java.nio.charset.StandardCharsets.UTF_8);
        Path homeFile = LabConfigWriter.home(labDir, t, capabilities, homeHub.publicKey(), policy, viaIpx);
        Path visitedFile = LabConfigWriter.visited(labDir, t, capabilities, hub.publicKey(), policy, viaIpx);
        Path ipxFile = LabConfigWriter.ipxNode(labDir, t, IPX_AUSF_INSTANCE_ID);
        Path homeIpxFile = LabConfigWriter.homeIpxNode(labDir, t, HOME_IPX_SUPPORTED_FEATURES);
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
            Optional<IpxNode> homeIpx = viaIpx ? Optional.of(IpxNode.start(IpxConfigLoader.load(homeIpxFile)))
                    : Optional.empty();
            homeIpx.ifPresent(started::add);
            Optional<IpxNode> ipx = viaIpx ? Optional.of(IpxNode.start(IpxConfigLoader.load(ipxFile)))
                    : Optional.empty();
            ipx.ifPresent(started::add);
            SeppNode visited = SeppNode.start(SeppConfigLoader.load(visitedFile), Clock.systemUTC());
            return new LabNetwork(nfs, home, visited, ipx, homeIpx, homeFile, visitedFile);
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
        List<AutoCloseable> all = new ArrayList<>(List.of(homeNfs, home));
        homeIpx.ifPresent(all::add);
        ipx.ifPresent(all::add);
        all.add(visited);
        closeAll(all);
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
