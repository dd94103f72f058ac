package org.keygate.sbi.server;

import java.time.Duration;
import java.util.List;
import org.keygate.tls.jsse.MutualTls;
import org.keygate.tls.jsse.TlsKeyMaterial;
import org.keygate.tls.pki.LabCa;
import org.keygate.tls.pki.LabPki;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.tls.trust.PlmnTrustAnchors;

/** A server and a client identity under one lab root, for the transport tests. */
final class TestTls {
    static final PlmnId PLMN = PlmnId.parse("001-01");

    final MutualTls server;
    final MutualTls client;

    TestTls(List<String> protocols) throws Exception {
        LabCa ca = LabCa.create("sbi test root", Duration.ofDays(1));
        server = tls(ca, protocols);
        client = tls(ca, protocols);
    }

    private static MutualTls tls(LabCa ca, List<String> protocols) throws Exception {
        LabCa.Issued issued = LabPki.issueMultiPlmn(ca, List.of(PLMN));
        return MutualTls.builder()
                .keyMaterial(new TlsKeyMaterial(issued.keyPair().getPrivate(),
                        List.of(issued.certificate(), ca.certificate())))
                .trustAnchors(PlmnTrustAnchors.builder().add(PLMN, ca.certificate()).build())
                .protocols(protocols).build();
    }
}
