package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keygate.tls.TestPki;
import org.keygate.tls.pki.LabCa;

/** SEPP certificates under PLMN trust, Roaming Intermediary certificates under their own CAs, never mixed. */
class EdgeTrustManagerTest {
    private static final String AUTH = "ECDHE_ECDSA";

    private static X509Certificate[] ipx(LabCa ca, String name) throws Exception {
        LabCa.Issued i = ca.issue(List.of(name), List.of(InetAddress.getLoopbackAddress()));
        return new X509Certificate[] {i.certificate(), ca.certificate()};
    }

    @Test
    void anIntermediaryUnderAConfiguredCaIsTrustedAndSeppsStayUnderPlmnTrust() throws Exception {
        LabCa ipxCa = TestPki.ca("ipx");
        LabCa visitedCa = TestPki.ca("visited");
        EdgeTrustManager tm = new EdgeTrustManager(Optional.of(PlmnTrustAnchors.builder()
                .add(TestPki.VISITED, visitedCa.certificate()).build()), List.of(ipxCa.certificate()));
        assertThatCode(() -> tm.checkClientTrusted(ipx(ipxCa, "ipx.example.org"), AUTH)).doesNotThrowAnyException();
        var sepp = TestPki.sepp(visitedCa, TestPki.VISITED).chain().toArray(X509Certificate[]::new);
        assertThatCode(() -> tm.checkClientTrusted(sepp, AUTH)).doesNotThrowAnyException();
        // A SEPP certificate signed by the IPX's CA: PLMN trust decides, and refuses it.
        var forged = TestPki.sepp(ipxCa, TestPki.VISITED).chain().toArray(X509Certificate[]::new);
        assertThatThrownBy(() -> tm.checkClientTrusted(forged, AUTH)).isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not validate against the anchor of its PLMN");
        assertThatThrownBy(() -> tm.checkServerTrusted(ipx(TestPki.ca("other-ipx"), "ipx.example.org"), AUTH))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void withoutSeppAnchorsAPlmnCertificateIsNoIntermediary() throws Exception {
        LabCa ipxCa = TestPki.ca("ipx");
        EdgeTrustManager tm = new EdgeTrustManager(Optional.empty(), List.of(ipxCa.certificate()));
        var forged = TestPki.sepp(ipxCa, TestPki.HOME).chain().toArray(X509Certificate[]::new);
        assertThatThrownBy(() -> tm.checkServerTrusted(forged, AUTH)).isInstanceOf(CertificateException.class)
                .hasMessageContaining("expects a Roaming Intermediary");
    }

    @Test
    void intermediaryValidationIsAgainstThatIntermediarysOwnAnchor() throws Exception {
        LabCa ipxCa = TestPki.ca("ipx");
        LabCa otherCa = TestPki.ca("other-ipx");
        assertThatCode(() -> IntermediaryTrust.validate(java.util.Arrays.asList(ipx(ipxCa, "ipx.example.org")), ipxCa.certificate()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> IntermediaryTrust.validate(java.util.Arrays.asList(ipx(otherCa, "ipx.example.org")),
                ipxCa.certificate())).hasMessageContaining("does not validate against the Roaming Intermediary");
        assertThatThrownBy(() -> IntermediaryTrust.validate(TestPki.sepp(ipxCa, TestPki.HOME).chain(),
                ipxCa.certificate())).hasMessageContaining("carries PLMN IDs");
        assertThatThrownBy(() -> IntermediaryTrust.validate(List.of(), ipxCa.certificate()))
                .hasMessageContaining("no certificate");
    }
}
