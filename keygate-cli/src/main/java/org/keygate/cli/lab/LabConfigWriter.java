package org.keygate.cli.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keygate.tls.plmn.PlmnId;

/**
 * Writes the lab SEPPs' configuration as ordinary YAML files, read back through the same loader an operator's
 * file goes through: the lab exercises the real configuration path, and leaves working examples behind.
 */
final class LabConfigWriter {
    private LabConfigWriter() {}

    /** One side of a lab pair. Paths are relative to the lab directory, where the file is written. */
    record Side(String name, PlmnId plmn, int n32cPort, int adminPort, List<String> capabilities, boolean initiate,
            String ipxProviderId, String ipxPublicKey) {}

    static Path write(Path labDir, String fileName, Side self, Side peer) throws IOException {
        String yaml = """
                # keygate SEPP configuration written by `keygate lab` (reference: docs/CONFIGURATION.md)
                name: %1$s
                fqdn: %2$s
                plmnIds: ["%3$s"]
                n32c:
                  listen: 127.0.0.1:%4$d
                admin:
                  listen: 127.0.0.1:%5$d
                tls:
                  certificateChain: %1$s/sepp.crt
                  privateKey: %1$s/sepp.key
                  protocols: [TLSv1.3, TLSv1.2]
                security:
                  capabilities: [%6$s]
                  jweCipherSuites: [A256GCM, A128GCM]
                  jwsCipherSuites: [ES256]
                  onPolicyMismatch: error
                  contextLifetime: 24h
                  handshakeTimeout: 10s
                  handshakeRetries: 2
                  retryBackoff: 500ms
                ipxProviders:
                  - ipxProviderId: %11$s
                    rawPublicKeyList: ["%12$s"]
                peers:
                  - name: %7$s
                    fqdn: %8$s
                    plmnIds: ["%9$s"]
                    n32c: 127.0.0.1:%10$d
                    trustAnchor: %7$s/ca.crt
                    initiate: false
                """.formatted(self.name(), self.plmn().seppFqdn(), self.plmn(), self.n32cPort(), self.adminPort(),
                String.join(", ", self.capabilities()), peer.name(), peer.plmn().seppFqdn(), peer.plmn(),
                peer.n32cPort(), self.ipxProviderId(), self.ipxPublicKey());
        Path file = labDir.resolve(fileName);
        Files.writeString(file, yaml);
        return file;
    }
}
