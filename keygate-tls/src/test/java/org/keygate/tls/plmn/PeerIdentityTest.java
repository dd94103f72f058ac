package org.keygate.tls.plmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.pki.LabCa;

/** TS 33.501 13.1.2: the PLMN IDs of a SEPP come from its certificate's SAN dNSNames. */
class PeerIdentityTest {
    @Test
    void readsEveryPlmnFromTheSanDnsNamesAndKeepsTheOtherNames() throws Exception {
        LabCa ca = LabCa.create("t", Duration.ofDays(1));
        var cert = ca.issue(List.of("SEPP.5GC.MNC001.MCC001.3GPPNETWORK.ORG", "sepp.example.org",
                "sepp2.5gc.mnc410.mcc310.3gppnetwork.org"), List.of(InetAddress.getLoopbackAddress())).certificate();
        PeerIdentity id = PeerIdentity.of(cert);
        assertThat(id.plmnIds()).containsExactlyInAnyOrder(new PlmnId("001", "01"), new PlmnId("310", "410"));
        assertThat(id.dnsNames()).containsExactly("SEPP.5GC.MNC001.MCC001.3GPPNETWORK.ORG", "sepp.example.org",
                "sepp2.5gc.mnc410.mcc310.3gppnetwork.org");
    }

    @Test
    void aCertificateWithoutAPlmnBearingSanHasNoPlmn() throws Exception {
        LabCa ca = LabCa.create("t", Duration.ofDays(1));
        var onlyOtherNames = ca.issue(List.of("sepp.example.org", "mnc001.mcc001.3gppnetwork.org"),
                List.of(InetAddress.getLoopbackAddress())).certificate();
        assertThat(PeerIdentity.of(onlyOtherNames).plmnIds()).isEmpty();
        // The self-signed root has no SAN at all.
        assertThat(PeerIdentity.of(ca.certificate()).plmnIds()).isEmpty();
        assertThat(PeerIdentity.of(ca.certificate()).dnsNames()).isEmpty();
    }
}
