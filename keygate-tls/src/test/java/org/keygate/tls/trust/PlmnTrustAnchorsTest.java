package org.keygate.tls.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.TestPki;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PlmnId;

/** TS 33.501 13.1.2: one trust anchor per remote PLMN. */
class PlmnTrustAnchorsTest {
    @Test
    void acceptsAChainFromItsPlmnsAnchor() throws Exception {
        LabCa visitedCa = TestPki.ca("visited");
        var anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, visitedCa.certificate()).build();
        assertThat(anchors.anchorFor(TestPki.sepp(visitedCa, TestPki.VISITED).chain()))
                .isEqualTo(visitedCa.certificate());
    }

    @Test
    void refusesAChainFromAnotherRootForThatPlmn() throws Exception {
        var anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, TestPki.ca("visited").certificate()).build();
        var impostor = TestPki.sepp(TestPki.ca("impostor"), TestPki.VISITED);
        assertThatThrownBy(() -> anchors.anchorFor(impostor.chain())).isInstanceOf(CertificateException.class)
                .hasMessageContaining("does not validate");
    }

    @Test
    void refusesPlmnsThatMapToDifferentAnchors() throws Exception {
        LabCa a = TestPki.ca("a");
        LabCa b = TestPki.ca("b");
        var anchors = PlmnTrustAnchors.builder().add(TestPki.HOME, a.certificate())
                .add(TestPki.VISITED, b.certificate()).build();
        var both = TestPki.sepp(a, TestPki.HOME, TestPki.VISITED);
        assertThatThrownBy(() -> anchors.anchorFor(both.chain())).isInstanceOf(CertificateException.class)
                .hasMessageContaining("different trust anchors").hasMessageContaining("001-01, 999-99");
    }

    @Test
    void acceptsSeveralPlmnsUnderOneAnchor() throws Exception {
        LabCa a = TestPki.ca("group");
        PlmnId second = PlmnId.parse("999-98");
        var anchors = PlmnTrustAnchors.builder().add(TestPki.VISITED, a.certificate()).add(second, a.certificate())
                .build();
        assertThat(anchors.anchorFor(TestPki.sepp(a, TestPki.VISITED, second).chain())).isEqualTo(a.certificate());
    }

    @Test
    void refusesUnknownPlmnsAndCertificatesWithoutPlmn() throws Exception {
        LabCa a = TestPki.ca("a");
        var anchors = PlmnTrustAnchors.builder().add(TestPki.HOME, a.certificate()).build();
        assertThatThrownBy(() -> anchors.anchorFor(TestPki.sepp(a, TestPki.VISITED).chain()))
                .hasMessageContaining("no trust anchor configured for PLMN 999-99");
        var noPlmn = a.issue(List.of("sepp.example.org"), List.of());
        assertThatThrownBy(() -> anchors.anchorFor(List.of(noPlmn.certificate(), a.certificate())))
                .hasMessageContaining("no PLMN ID");
    }
}
