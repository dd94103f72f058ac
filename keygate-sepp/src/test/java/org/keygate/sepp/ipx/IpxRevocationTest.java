package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.ipx.RevocationLab.active;
import static org.keygate.sepp.ipx.RevocationLab.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keygate.ipx.node.IpxNodeConfig;
import org.keygate.ipx.node.ServedSepp;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.config.SeppConfig;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;

/**
 * Issue 18, the IPX node's own revocation: vSEPP -> IPX -> hSEPP on loopback, the home SEPP's certificate issued by a
 * CA of its own whose CRL an http server on 127.0.0.1 publishes, and the IPX configured with that CRL for the home
 * anchor ({@code sepps[].revocation}, refreshed every second). The home CA revokes the home SEPP's certificate: the
 * IPX's refresh that learns of it closes its open connection to the home SEPP (the visited SEPP's connection to the IPX
 * stays), and the IPX's next handshake with the home SEPP is refused with {@code certificate_revoked}, which the home
 * SEPP receives.
 */
class IpxRevocationTest {
    @RegisterExtension
    final RevocationLab lab = new RevocationLab();

    @Test
    void aServedSeppRevokedByItsCaLosesItsConnectionAndIsRefusedWithCertificateRevoked() throws Exception {
        LabCa homeCa = LabCa.create("home CA that revokes", Duration.ofDays(2));
        LabCa.Issued homeLeaf = homeCa.issue(List.of(TestSepps.HOME_PLMN.seppFqdn(), "localhost"),
                List.of(InetAddress.getLoopbackAddress()));
        lab.crls.publishNothingRevoked(homeCa);

        SeppConfig h = lab.ipxLab.home();
        lab.startHome(new SeppConfig(h.name(), h.n32c(), h.n32cListener(), h.admin(),
                new TlsKeyMaterial(homeLeaf.keyPair().getPrivate(), List.of(homeLeaf.certificate(),
                        homeCa.certificate())), h.tlsProtocols(), h.handshakeRetry(), h.peers(), h.n32fListener(),
                h.homeNfs(), h.sbiListener(), h.edge()));
        lab.startIpx(ipxConfig(homeCa));
        SeppConfig v = lab.ipxLab.sepps.visited(TestSepps.PRINS_FIRST);
        PeerSepp p = v.peers().getFirst();
        PeerSepp homePeer = new PeerSepp(p.name(), p.fqdn(), p.plmnIds(), p.n32cAddress(), homeCa.certificate(),
                p.initiate(), p.n32fAddress(), p.protectionPolicy());
        lab.startVisited(IpxLab.with(new SeppConfig(v.name(), v.n32c(), v.n32cListener(), v.admin(),
                v.keyMaterial(), v.tlsProtocols(), v.handshakeRetry(), List.of(homePeer), v.n32fListener(),
                v.homeNfs(), v.sbiListener(), v.edge()), IpxLab.modifiableServingNetworkName(), List.of(),
                lab.ipxLab.intermediary(false)));

        lab.visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(lab.send().get(30, TimeUnit.SECONDS).status()).as("through the IPX before the revocation")
                .isEqualTo(200);
        assertThat(active(lab.home.meters(), "n32f-home")).as("the IPX's connection to the home SEPP")
                .isGreaterThanOrEqualTo(1);
        assertThat(active(lab.ipx.meters(), "ipx-ipx")).as("the visited SEPP's connection to the IPX")
                .isGreaterThanOrEqualTo(1);
        double visitedToIpx = active(lab.ipx.meters(), "ipx-ipx");

        try (LogCapture logs = new LogCapture()) {
            lab.crls.publishRevoked(homeCa, homeLeaf.certificate());
            double fetched = refreshes();
            // Two fetches: the second surely started after the new CRL was published. One refresh interval each.
            await(() -> refreshes() >= fetched + 2, "two CRL refreshes at the IPX");

            // The refresh that learnt of it closed the IPX's connection to the revoked SEPP, and only that one.
            await(() -> active(lab.home.meters(), "n32f-home") == 0,
                    "the IPX's connection to the revoked home SEPP closed");
            assertThat(lab.ipx.meters().get("keygate_tls_untrusted_connections_closed_total").tag("peer", "home")
                    .counter().count()).isGreaterThanOrEqualTo(1.0);
            assertThat(active(lab.ipx.meters(), "ipx-ipx")).as("the visited SEPP's connection stays")
                    .isEqualTo(visitedToIpx);
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("IPX ipx: after a CRL refresh: closing a "
                    + "connection of home: certificate CN=" + TestSepps.HOME_PLMN.seppFqdn())
                    && m.contains("is revoked since") && m.contains("(CRL of CN=home CA that revokes"));

            // The next request makes the IPX dial the home SEPP: refused with certificate_revoked (RFC 8446 6.2).
            ProblemDetails problem = lab.sendRefused();
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
            await(() -> logs.keygateMessages().stream().anyMatch(m -> m.startsWith("n32f-home: TLS handshake with")
                    && m.endsWith("Received fatal alert: certificate_revoked")),
                    "the home SEPP receives certificate_revoked from the IPX");
        }
        assertThat(lab.ipx.meters().get("keygate_tls_revocation_checks_total").tag("outcome", "revoked").counter()
                .count()).isGreaterThanOrEqualTo(1.0);
    }

    /** The lab's IPX, with the home SEPP under {@code homeCa} and that CA's CRL from the local http server. */
    private IpxNodeConfig ipxConfig(LabCa homeCa) throws Exception {
        IpxNodeConfig c = lab.ipxLab.ipx(Optional.empty());
        List<ServedSepp> sepps = c.sepps().stream().map(s -> s.name().equals("home")
                ? new ServedSepp(s.name(), s.plmnIds(), homeCa.certificate(), s.nextHop(), s.ri()) : s).toList();
        return new IpxNodeConfig(c.name(), c.providerId(), c.listener(), c.admin(), c.keyMaterial(), c.tlsProtocols(),
                sepps, c.modifications(), c.nextHopTimeout(), c.maxAnswerBodyBytes(), c.h2(),
                List.of(lab.crls.revocation(homeCa.certificate(), RevocationLab.REFRESH)), c.tlsProvider());
    }

    private double refreshes() {
        return RevocationLab.refreshes(lab.ipx.meters());
    }
}
