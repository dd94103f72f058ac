package org.keygate.sepp.config;

import java.util.List;
import java.util.Optional;
import org.keygate.sepp.n32c.N32cSettings;
import org.keygate.sepp.n32c.client.HandshakeRetryPolicy;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * One SEPP's validated configuration, frozen: made by {@link SeppConfigLoader} from a YAML file (or directly, in
 * tests), read by {@link org.keygate.sepp.node.SeppNode} to assemble the node. Nothing here is re-checked later.
 *
 * @param name a short name for logs and metrics.
 * @param tlsProtocols JSSE protocol names in preference order (TLSv1.3, TLSv1.2).
 */
public record SeppConfig(
        String name,
        N32cSettings n32c,
        ListenerConfig n32cListener,
        Optional<ListenerConfig> admin,
        TlsKeyMaterial keyMaterial,
        List<String> tlsProtocols,
        HandshakeRetryPolicy handshakeRetry,
        List<PeerSepp> peers) {

    public SeppConfig {
        tlsProtocols = List.copyOf(tlsProtocols);
        peers = List.copyOf(peers);
    }
}
