package org.keygate.sepp.config;

import java.util.List;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.sbi.config.ConfigReader;
import org.keygate.sbi.config.RevocationReader;
import org.keygate.tls.revocation.AnchorRevocation;

/**
 * {@code peers[].revocation} and {@code peers[].ipx.revocation}: the CRLs of that peer's (or its IPX's) trust anchor
 * (TS 33.310 Annex F.2, RFC 5280 5), read as every node reads them (keygate-sbi {@link RevocationReader}). Peers
 * sharing an anchor must agree on its revocation settings.
 */
final class RevocationConfigLoader {
    private RevocationConfigLoader() {}

    /** @param peers the loaded peers, in the order of {@code raw} */
    static List<AnchorRevocation> revocation(List<RawSeppConfig.Peer> raw, List<PeerSepp> peers, ConfigReader files) {
        RevocationReader reader = new RevocationReader(files);
        for (int i = 0; i < raw.size(); i++) {
            RawSeppConfig.Peer p = raw.get(i);
            PeerSepp peer = peers.get(i);
            String f = "peers[" + i + "]";
            reader.add(f + ".revocation", p.revocation(), peer.trustAnchor());
            if (p.ipx() != null && peer.intermediary().isPresent()) {
                reader.add(f + ".ipx.revocation", p.ipx().revocation(), peer.intermediary().get().trustAnchor());
            }
        }
        return reader.policies();
    }
}
