package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.fail;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.pass;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.plmn.PlmnId;

/** TS 33.501 13.1.2 with certificates from the lab PKI (bcpkix). */
class N32fCertificateCheckTest {
    private static final PlmnId A = PlmnId.parse("999-99");
    private static final PlmnId B = PlmnId.parse("999-70");
    private static LabCa ca;

    @BeforeAll
    static void pki() throws Exception {
        ca = LabCa.create("n32f check CA", Duration.ofDays(1));
    }

    @Test
    void aSubsetPassesAndAnExtraPlmnIsRejected() throws Exception {
        X509Certificate n32cBoth = cert(A.seppFqdn(), B.seppFqdn());
        X509Certificate n32fA = cert(A.seppFqdn());
        assertThat(pass(N32fCertificateCheck.check(n32fA, n32cBoth)).plmnIds()).containsExactly(A);
        pass(N32fCertificateCheck.check(n32cBoth, n32cBoth));
        EdgeCheckResult<?> wider = N32fCertificateCheck.check(n32cBoth, n32fA);
        assertThat(fail(wider)).isEqualTo(EdgeViolation.N32F_CERTIFICATE_PLMN_MISMATCH);
        assertThat(((EdgeCheckResult.Fail<?>) wider).problem().status()).isEqualTo(403);
        assertThat(fail(N32fCertificateCheck.check(cert(B.seppFqdn()), n32fA)))
                .isEqualTo(EdgeViolation.N32F_CERTIFICATE_PLMN_MISMATCH);
        assertThat(fail(N32fCertificateCheck.check(cert("sepp.example.org"), n32cBoth)))
                .isEqualTo(EdgeViolation.N32F_CERTIFICATE_PLMN_MISMATCH);
    }

    private static X509Certificate cert(String... dnsNames) throws Exception {
        return ca.issue(List.of(dnsNames), List.of()).certificate();
    }
}
