package org.keygate.cli.lab;

import java.util.OptionalInt;
import org.keygate.tls.plmn.PlmnId;

/**
 * The YAML members every loopback SEPP of the lab and the load benchmark shares (reference: docs/CONFIGURATION.md):
 * identity, N32-c and N32-f listeners, TLS files from the lab PKI, the N32 security settings. Callers append what
 * differs (partners, NFs, IPX, limits).
 */
public final class SeppYaml {
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
