package org.keygate.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.plmn.PlmnId;

/** In-memory lab certificates for the TLS tests. */
public final class TestPki {
    public static final PlmnId HOME = PlmnId.parse("001-01");
    public static final PlmnId VISITED = PlmnId.parse("999-99");

    private TestPki() {}

    public static LabCa ca(String name) throws Exception {
        return LabCa.create(name, Duration.ofDays(1));
    }

    public static TlsKeyMaterial sepp(LabCa ca, PlmnId... plmns) throws Exception {
        LabCa.Issued issued = LabPki.issueMultiPlmn(ca, List.of(plmns));
        return new TlsKeyMaterial(issued.keyPair().getPrivate(), List.of(issued.certificate(), ca.certificate()));
    }

    public static List<X509Certificate> chain(TlsKeyMaterial m) {
        return m.chain();
    }
}
