package org.keygate.ims.mrfp;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.keygate.ims.msrp.MsrpUri;
import org.keygate.tls.bc.ExternalPsk;

/**
 * What the MRFC tells the MRFP about one media stream once SDP offer/answer is done (TS 23.333 5.20.2): the TCP and
 * TLS roles, the PSK (the TEK) with its identity, the UE's address when the MRFP connects, and the media-level peer:
 * the UE's MSRP path, or its BFCP User ID.
 */
public record TerminationConfig(ConnectionRole tcpRole, ConnectionRole tlsRole, ExternalPsk psk,
        Optional<InetSocketAddress> remote, Optional<MsrpUri> remoteMsrpPath, Optional<Integer> bfcpUserId) {
    public TerminationConfig {
        Objects.requireNonNull(tcpRole, "tcpRole");
        Objects.requireNonNull(tlsRole, "tlsRole");
        Objects.requireNonNull(psk, "psk");
        if (tcpRole == ConnectionRole.CLIENT && remote.isEmpty()) {
            throw new IllegalArgumentException("tcpRole CLIENT needs the remote address to connect to");
        }
    }

    /** Prints roles and identity, never the key. */
    @Override
    public String toString() {
        return "TerminationConfig[tcp=" + tcpRole + ", tls=" + tlsRole + ", identity=" + psk.identity() + ", remote="
                + remote.map(Object::toString).orElse("-") + "]";
    }
}
