package org.keygate.sepp.ipx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.ipx.RevocationLab.active;
import static org.keygate.sepp.ipx.RevocationLab.await;
import static org.keygate.sepp.ipx.RevocationLab.refreshes;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sepp.LogCapture;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.node.SeppNode;

/**
 * Issue 18, a Roaming Intermediary revoked while its connections are up: vSEPP -> IPX -> hSEPP on loopback, both SEPPs
 * configured with the IPX CA's CRL ({@code peers[].ipx.revocation}, refreshed every second) from an http server on
 * 127.0.0.1. The IPX's CA revokes its certificate: each SEPP's refresh that learns of it closes its N32-f connection
 * with the IPX (the visited SEPP's to it, the IPX's to the home SEPP), with a WARN line and
 * {@code keygate_tls_untrusted_connections_closed_total{peer="ipx:..."}}; the N32-f context between the SEPPs stays;
 * the visited SEPP's next handshake with the IPX is refused with {@code certificate_revoked}.
 */
class RevokedIntermediaryTest {
    @RegisterExtension
    final RevocationLab lab = new RevocationLab();

    @Test
    void anIntermediaryRevokedByItsCaLosesItsConnectionsAtBothSeppsAndIsRefusedWithCertificateRevoked()
            throws Exception {
        IpxLab ipxLab = lab.ipxLab;
        lab.crls.publishNothingRevoked(ipxLab.ipxRoot);
        lab.startHome(lab.withRevocation(ipxLab.home(), ipxLab.ipxCa));
        lab.startIpx(ipxLab.ipx(Optional.empty()));
        lab.startVisited(lab.withRevocation(IpxLab.with(ipxLab.sepps.visited(TestSepps.PRINS_FIRST),
                IpxLab.modifiableServingNetworkName(), List.of(), ipxLab.intermediary(false)), ipxLab.ipxCa));
        SeppNode home = lab.home;
        SeppNode visited = lab.visited;

        visited.establish("home").get(30, TimeUnit.SECONDS);
        assertThat(lab.send().get(30, TimeUnit.SECONDS).status()).as("through the IPX before the revocation")
                .isEqualTo(200);
        assertThat(active(lab.ipx.meters(), "ipx-ipx")).as("the visited SEPP's connection to the IPX")
                .isGreaterThanOrEqualTo(1);
        assertThat(active(home.meters(), "n32f-home")).as("the IPX's connection to the home SEPP")
                .isGreaterThanOrEqualTo(1);

        try (LogCapture logs = new LogCapture()) {
            lab.crls.publishRevoked(ipxLab.ipxRoot, ipxLab.ipxKeys.chain().getFirst());
            double visitedFetched = refreshes(visited.meters());
            double homeFetched = refreshes(home.meters());
            // Two fetches each: the second surely started after the new CRL was published.
            await(() -> refreshes(visited.meters()) >= visitedFetched + 2
                    && refreshes(home.meters()) >= homeFetched + 2, "two CRL refreshes at each SEPP");

            await(() -> active(lab.ipx.meters(), "ipx-ipx") == 0,
                    "the visited SEPP's connection to the revoked IPX closed");
            await(() -> active(home.meters(), "n32f-home") == 0,
                    "the revoked IPX's connection to the home SEPP closed");
            for (SeppNode sepp : List.of(visited, home)) {
                assertThat(sepp.meters().get("keygate_tls_untrusted_connections_closed_total")
                        .tag("peer", "ipx:" + IpxLab.IPX_ID).counter().count()).as(sepp.config().name())
                        .isGreaterThanOrEqualTo(1.0);
            }
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("after a CRL refresh: closing an N32-f "
                    + "connection of Roaming Intermediary " + IpxLab.IPX_ID + ": certificate CN=" + IpxLab.IPX_ID)
                    && m.contains("is revoked since") && m.contains("(CRL of CN=keygate test IPX root"));
            assertThat(logs.keygateMessages()).anyMatch(m -> m.startsWith("Roaming Intermediary " + IpxLab.IPX_ID
                    + ": its certificate is no longer trusted after a CRL refresh: 1 connection(s) closed"));
            // The IPX holds no N32-f key: the context between the SEPPs is not compromised and stays.
            assertThat(visited.contexts().forPeer("home")).as("the context with the partner behind it").isNotEmpty();

            // The next request: the visited SEPP's handshake with the IPX is refused (RFC 8446 6.2).
            ProblemDetails problem = lab.sendRefused();
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.cause()).isEqualTo("TARGET_NF_NOT_REACHABLE");
            await(() -> logs.keygateMessages().stream().anyMatch(m -> m.startsWith("ipx-ipx: TLS handshake with")
                    && m.endsWith("Received fatal alert: certificate_revoked")),
                    "the IPX receives certificate_revoked from the visited SEPP");
        }
    }
}
