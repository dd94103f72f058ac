package org.keygate.sepp.routing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.keygate.sepp.peer.PeerDirectory;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PlmnId;

/** Partners for routing tests: the home SEPP 001-01 routes to 999-99 ("visited") and 999-70 ("third"). */
final class RoutingFixtures {
    static final PlmnId OWN = PlmnId.parse("001-01");
    static final PlmnId VISITED = PlmnId.parse("999-99");
    static final PlmnId THIRD = PlmnId.parse("999-70");
    static final PlmnId STRANGER = PlmnId.parse("208-93");
    private static X509Certificate anchor;

    private RoutingFixtures() {}

    static synchronized X509Certificate anchor() throws Exception {
        if (anchor == null) {
            anchor = LabCa.create("routing test CA", Duration.ofDays(1)).certificate();
        }
        return anchor;
    }

    static PeerSepp peer(String name, PlmnId plmn) throws Exception {
        return new PeerSepp(name, plmn.seppFqdn(), List.of(plmn),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), anchor(), false);
    }

    static PeerDirectory peers() throws Exception {
        return new PeerDirectory(List.of(peer("visited", VISITED), peer("third", THIRD)));
    }

    static String fqdn(String nf, PlmnId plmn) {
        return nf + ".5gc." + plmn.fqdnLabels() + ".3gppnetwork.org";
    }
}
