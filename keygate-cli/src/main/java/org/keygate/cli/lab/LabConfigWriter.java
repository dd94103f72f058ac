package org.keygate.cli.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.keygate.cli.lab.SeppYaml.HomeNf;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.cli.lab.LabTopology.Port;

/**
 * Writes the lab SEPPs' configuration as ordinary YAML files, read back through the same loader an operator's
 * file goes through: the lab exercises the real configuration path, and leaves working examples behind.
 */
final class LabConfigWriter {
    private LabConfigWriter() {}

    /**
     * The home SEPP: N32-c and N32-f listeners, its UDM and AUSF reachable by partners; with {@code viaIpx}, its
     * N32-f traffic with the partner goes through its own hub (the pIPX), which it authorizes to modify its answers
     * and from which it accepts modifications of the partner's requests.
     * {@code policy} is the protection policy agreed with the visited operator (TS 33.501 13.2.3.6: each SEPP
     * compares what it receives with it).
     */
    static Path home(Path labDir, LabTopology t, String capabilities, String ipxPublicKey, String policy,
            boolean viaIpx) throws IOException {
        return write(labDir, "home.yaml", common(LabTopology.HOME, LabTopology.HOME_PLMN, t.port(Port.HOME_N32C),
                t.port(Port.HOME_N32F),
                t.port(Port.HOME_ADMIN), capabilities, LabTopology.HOME_IPX, ipxPublicKey, viaIpx)
                + "# The policy agreed with the visited operator (the visited hub may rewrite ausfInstanceId).\n"
                + "protectionPolicy: " + policy + "\n"
                + SeppYaml.homeNfs(new HomeNf(LabTopology.UDM_AUTHORITY, "127.0.0.1:" + t.port(Port.UDM)),
                        new HomeNf(LabTopology.AUSF_AUTHORITY, "127.0.0.1:" + t.port(Port.AUSF)))
                + SeppYaml.onePeer(LabTopology.VISITED, LabTopology.VISITED_PLMN, t.port(Port.VISITED_N32C),
                        t.port(Port.VISITED_N32F), List.of())
                + (viaIpx ? SeppYaml.peerIpx(LabTopology.HOME_IPX, t.port(Port.HOME_IPX), "home-ipx", true) : ""));
    }

    /**
     * The visited SEPP: also a listener for its own NFs, allowed to reach the home UDM and AUSF APIs only; with
     * {@code policy}, its protection policy (as JSON, which YAML reads as is); with {@code viaIpx}, N32-f to home
     * goes through its hub, which it authorizes to modify what the policy allows.
     */
    static Path visited(Path labDir, LabTopology t, String capabilities, String ipxPublicKey, String policy,
            boolean viaIpx) throws IOException {
        return write(labDir, "visited.yaml", common(LabTopology.VISITED, LabTopology.VISITED_PLMN,
                t.port(Port.VISITED_N32C), t.port(Port.VISITED_N32F),
                t.port(Port.VISITED_ADMIN), capabilities, LabTopology.VISITED_IPX, ipxPublicKey, viaIpx)
                + "# The default policy, plus: the visited hub may rewrite ausfInstanceId of generate-auth-data.\n"
                + "protectionPolicy: " + policy + "\n" + SeppYaml.ownNfListener(t.port(Port.VISITED_SBI))
                + SeppYaml.onePeer(LabTopology.HOME, LabTopology.HOME_PLMN, t.port(Port.HOME_N32C),
                        t.port(Port.HOME_N32F), SeppYaml.HOME_APIS)
                + (viaIpx ? SeppYaml.peerIpx(LabTopology.VISITED_IPX, t.port(Port.IPX), "ipx", true) : ""));
    }

    /**
     * The visited operator's hub (the cIPX): serves the visited SEPP directly, as its RI; reaches the home SEPP
     * through the home operator's hub. Rewrites ausfInstanceId of generate-auth-data requests and signs; signs the
     * answers too, second after the home hub (TS 33.501 13.2.4.5.2).
     */
    static Path ipxNode(Path labDir, LabTopology t, String newAusfInstanceId) throws IOException {
        return write(labDir, "ipx.yaml", """
                # keygate IPX configuration written by `keygate lab` (reference: docs/IPX.md)
                name: visited-hub
                providerId: %1$s
                n32f:
                  listen: 127.0.0.1:%2$d
                tls:
                  certificateChain: ipx/ipx.crt
                  privateKey: ipx/ipx.key
                  protocols: [TLSv1.3, TLSv1.2]
                nextHopTimeout: 10s
                sepps:
                  - name: home
                    plmnIds: ["%3$s"]
                    trustAnchor: home/ca.crt
                    n32f:                              # through the home operator's hub
                      authority: "%4$s:%5$d"
                      address: "127.0.0.1:%10$d"
                      via: {fqdn: %11$s, trustAnchor: home-ipx/ca.crt}
                  - name: visited
                    plmnIds: ["%6$s"]
                    trustAnchor: visited/ca.crt
                    n32f: {authority: "%7$s:%8$d", address: "127.0.0.1:%8$d"}
                    ri: true                           # its operator's RI: signs answers to it after the home hub
                modifications:
                  signingKey: ipx/signing.key
                  policy: ["/payload/*/value/ausfInstanceId"]
                  rules:
                    - method: POST
                      path: /nudm-ueau/v1/*/security-information/generate-auth-data
                      operations:
                        - {op: replace, path: /ausfInstanceId, value: "%9$s"}
                """.formatted(LabTopology.VISITED_IPX, t.port(Port.IPX), LabTopology.HOME_PLMN,
                LabTopology.HOME_PLMN.seppFqdn(), t.port(Port.HOME_N32F), LabTopology.VISITED_PLMN,
                LabTopology.VISITED_PLMN.seppFqdn(), t.port(Port.VISITED_N32F), newAusfInstanceId,
                t.port(Port.HOME_IPX), LabTopology.HOME_IPX));
    }

    /**
     * The home operator's hub (the pIPX): serves the home SEPP directly, as its RI; reaches the visited SEPP through
     * the visited hub. Signs requests to the home SEPP second, after the visited hub, and modifies the answers first:
     * it adds supportedFeatures to generate-auth-data answers.
     */
    static Path homeIpxNode(Path labDir, LabTopology t, String supportedFeatures) throws IOException {
        return write(labDir, "home-ipx.yaml", """
                # keygate IPX configuration written by `keygate lab` (reference: docs/IPX.md)
                name: home-hub
                providerId: %1$s
                n32f:
                  listen: 127.0.0.1:%2$d
                tls:
                  certificateChain: home-ipx/ipx.crt
                  privateKey: home-ipx/ipx.key
                  protocols: [TLSv1.3, TLSv1.2]
                nextHopTimeout: 10s
                sepps:
                  - name: home
                    plmnIds: ["%3$s"]
                    trustAnchor: home/ca.crt
                    n32f: {authority: "%4$s:%5$d", address: "127.0.0.1:%5$d"}
                    ri: true                           # its operator's RI: signs requests to it after the visited hub
                  - name: visited
                    plmnIds: ["%6$s"]
                    trustAnchor: visited/ca.crt
                    n32f:                              # through the visited operator's hub
                      authority: "%7$s:%8$d"
                      address: "127.0.0.1:%9$d"
                      via: {fqdn: %10$s, trustAnchor: ipx/ca.crt}
                modifications:
                  signingKey: home-ipx/signing.key
                  policy: ["/payload/*/value/supportedFeatures"]
                  rules:
                    - method: POST
                      path: /nudm-ueau/v1/*/security-information/generate-auth-data
                      message: answer
                      operations:
                        - {op: add, path: /supportedFeatures, value: "%11$s"}
                """.formatted(LabTopology.HOME_IPX, t.port(Port.HOME_IPX), LabTopology.HOME_PLMN,
                LabTopology.HOME_PLMN.seppFqdn(), t.port(Port.HOME_N32F), LabTopology.VISITED_PLMN,
                LabTopology.VISITED_PLMN.seppFqdn(), t.port(Port.VISITED_N32F), t.port(Port.IPX),
                LabTopology.VISITED_IPX, supportedFeatures));
    }

    /** With {@code viaIpx}, the operator's hub announced in parameter exchange; without, no hub is announced. */
    private static String common(String name, PlmnId plmn, int n32c, int n32f, int admin, String capabilities,
            String ipxId, String ipxKey, boolean viaIpx) {
        String yaml = SeppYaml.common("`keygate lab`", name, plmn, n32c, n32f, OptionalInt.of(admin), capabilities);
        return !viaIpx ? yaml : yaml + """
                ipxProviders:
                  - ipxProviderId: %s
                    rawPublicKeyList: ["%s"]
                """.formatted(ipxId, ipxKey);
    }

    private static Path write(Path labDir, String fileName, String yaml) throws IOException {
        Path file = labDir.resolve(fileName);
        Files.writeString(file, yaml);
        return file;
    }
}
