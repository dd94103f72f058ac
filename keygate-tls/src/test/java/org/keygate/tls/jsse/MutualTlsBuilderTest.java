package org.keygate.tls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;
import org.keygate.tls.TestPki;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.trust.PlmnTrustAnchors;

class MutualTlsBuilderTest {
    @Test
    void refusesMissingPartsAndUnknownProtocolsNamingThem() throws Exception {
        LabCa ca = TestPki.ca("home");
        TlsKeyMaterial own = TestPki.sepp(ca, TestPki.HOME);
        PlmnTrustAnchors anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, ca.certificate()).build();
        assertThatThrownBy(() -> MutualTls.builder().trustAnchors(anchors).build())
                .hasMessageStartingWith("keyMaterial: missing (expected:");
        assertThatThrownBy(() -> MutualTls.builder().keyMaterial(own).build())
                .hasMessageStartingWith("trustAnchors: missing (expected:");
        assertThatThrownBy(() -> MutualTls.builder().protocols(List.of("TLSv1.1")))
                .hasMessage("protocols: TLSv1.1 (expected: TLSv1.3 or TLSv1.2)");
        assertThatThrownBy(() -> MutualTls.builder().protocols(List.of()))
                .hasMessageStartingWith("protocols: [] (expected:");
        assertThatThrownBy(() -> PlmnTrustAnchors.builder().build()).hasMessageStartingWith("trustAnchors: none");
    }

    @Test
    void serverNeedsClientCertificatesAndClientVerifiesTheDialledName() throws Exception {
        LabCa ca = TestPki.ca("home");
        MutualTls tls = MutualTls.builder().keyMaterial(TestPki.sepp(ca, TestPki.HOME))
                .trustAnchors(PlmnTrustAnchors.builder().add(TestPki.VISITED, ca.certificate()).build())
                .protocols(List.of("TLSv1.3")).build();
        assertThat(tls.protocols()).containsExactly("TLSv1.3");
        assertThat(tls.serverParameters().getNeedClientAuth()).isTrue();
        assertThat(tls.serverParameters().getProtocols()).containsExactly("TLSv1.3");
        var client = tls.clientParameters(TestPki.VISITED.seppFqdn());
        assertThat(client.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(client.getServerNames()).containsExactly(new SNIHostName("sepp.5gc.mnc099.mcc999.3gppnetwork.org"));
    }
}
