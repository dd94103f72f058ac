package org.keygate.cli.lab;

import java.net.URI;
import java.util.List;
import java.util.OptionalInt;
import org.keygate.tls.plmn.PlmnId;

/**
 * The YAML members every loopback SEPP of the lab and the load benchmark shares (reference: docs/CONFIGURATION.md):
 * identity, N32-c and N32-f listeners, TLS files from the lab PKI, the N32 security settings; and the blocks they
 * compose the rest from (NFs, a partner, IPX, cluster). Callers append what differs (limits, policies).
 */
public final class SeppYaml {
    /** What the lab's visited SEPP lets its NFs reach at home: the UDM and AUSF APIs of 5G AKA. */
    public static final List<String> HOME_APIS = List.of("nudm-ueau", "nausf-auth");

    private SeppYaml() {}

    /**
     * @param writtenBy who writes the file, for its first comment line.
     * @param admin the admin listener's port, if any.
     * @param capabilities the N32 capability priority, e.g. "PRINS, TLS".
     */
    public static String common(String writtenBy, String name, PlmnId plmn, int n32c, int n32f, OptionalInt admin,
            String capabilities) {
        return """
                # keygate SEPP configuration written by %s (reference: docs/CONFIGURATION.md)
                name: %s
                fqdn: %s
                plmnIds: ["%s"]
                n32c:
                  listen: 127.0.0.1:%d
                n32f:
                  listen: 127.0.0.1:%d
                """.formatted(writtenBy, name, plmn.seppFqdn(), plmn, n32c, n32f)
                + (admin.isPresent() ? "admin:\n  listen: 127.0.0.1:" + admin.getAsInt() + "\n" : "")
                + """
                tls:
                  certificateChain: %s/sepp.crt
                  privateKey: %s/sepp.key
                  protocols: [TLSv1.3, TLSv1.2]
                security:
                  capabilities: [%s]
                  jweCipherSuites: [A256GCM, A128GCM]
                  jwsCipherSuites: [ES256]
                  onPolicyMismatch: error
                  contextLifetime: 24h
                  handshakeTimeout: 10s
                  handshakeRetries: 2
                  retryBackoff: 500ms
                """.formatted(name, name, capabilities);
    }

    /** One NF of this SEPP's operator, as {@code homeNfs} lists it: its {@code :authority} and HOST:PORT. */
    public record HomeNf(String authority, String address) {}

    /** The {@code homeNfs} list: where requests from partners for these authorities go. */
    public static String homeNfs(HomeNf... nfs) {
        StringBuilder yaml = new StringBuilder("homeNfs:\n");
        for (HomeNf nf : nfs) {
            yaml.append("  - authority: ").append(nf.authority()).append("\n    address: ").append(nf.address())
                    .append('\n');
        }
        return yaml.toString();
    }

    /** The listener for this operator's own NFs ({@code sbi}), on loopback. */
    public static String ownNfListener(int port) {
        return "sbi:\n  listen: 127.0.0.1:" + port + "\n";
    }

    /**
     * A {@code peers} list of one partner on loopback, its anchor from the lab PKI ({@code <name>/ca.crt}), which
     * initiates N32-c itself; with {@code allowedApis}, only those APIs of the partner are reachable. A
     * {@link #peerIpx} block may follow.
     */
    public static String onePeer(String name, PlmnId plmn, int n32c, int n32f, List<String> allowedApis) {
        return """
                peers:
                  - name: %s
                    fqdn: %s
                    plmnIds: ["%s"]
                    n32c: 127.0.0.1:%d
                    n32f: 127.0.0.1:%d
                    trustAnchor: %s/ca.crt
                    initiate: false
                """.formatted(name, plmn.seppFqdn(), plmn, n32c, n32f, name)
                + (allowedApis.isEmpty() ? "" : "    allowedApis: [" + String.join(", ", allowedApis) + "]\n");
    }

    /** The {@code cluster} member (docs/CLUSTER.md): one etcd, this instance's name and internal relay listener. */
    public static String cluster(URI etcd, String instance, int internal) {
        return """
                cluster:
                  etcd: ["%s"]
                  instance: %s
                  internal: 127.0.0.1:%d
                """.formatted(etcd, instance, internal);
    }

    /**
     * As {@link #cluster(URI, String, int)}, with the instance's own N32-f address as partners reach it
     * ({@code cluster.n32f}): the SEPP's FQDN and {@code n32fPort}, an instance-specific load-balancer frontend.
     */
    public static String cluster(URI etcd, String instance, int internal, String fqdn, int n32fPort) {
        return cluster(etcd, instance, internal) + "  n32f: " + fqdn + ":" + n32fPort + "\n";
    }

    /** A partner's {@code ipx} block (docs/IPX.md): N32-f with that partner goes through this IPX. */
    public static String peerIpx(String providerId, int ipxPort, boolean authorize) {
        return peerIpx(providerId, ipxPort, "ipx", authorize);
    }

    /** As {@link #peerIpx(String, int, boolean)}, the IPX's CA in {@code pkiDir}/ca.crt. */
    public static String peerIpx(String providerId, int ipxPort, String pkiDir, boolean authorize) {
        return """
                    ipx:
                      providerId: %s
                      n32f: 127.0.0.1:%d
                      trustAnchor: %s/ca.crt
                      authorize: %s
                """.formatted(providerId, ipxPort, pkiDir, authorize);
    }
}
