package org.keygate.sbi.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A check of a TLS client's certificate chain once its handshake is done, resumed handshakes included: a TLS 1.3
 * resumption from a session ticket restores the chain without asking the trust manager, so a peer revoked (or
 * dropped) since it got its ticket would otherwise be let in ({@link SbiServer.Builder#peerCheck}).
 */
@FunctionalInterface
public interface PeerCheck {
    /** Accepts every chain. */
    PeerCheck NONE = chain -> Optional.empty();

    /** Why the connection of the peer presenting {@code chain} (leaf first) is refused; empty: accepted. */
    Optional<String> refusal(List<X509Certificate> chain);
}
