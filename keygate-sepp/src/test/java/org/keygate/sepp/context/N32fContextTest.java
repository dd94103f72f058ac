package org.keygate.sepp.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.sepp.TestSepps;
import org.keygate.sepp.peer.PeerSepp;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.n32.n32c.N32Role;

class N32fContextTest {
    private static final PlmnId A = PlmnId.parse("999-99");
    private static final PlmnId B = PlmnId.parse("999-98");
    private static final PlmnId C = PlmnId.parse("999-97");

    @TempDir
    Path dir;

    private N32fContext context() throws Exception {
        PeerSepp p = new TestSepps(dir).peer("visited", TestSepps.VISITED_PLMN, 1);
        PeerSepp twoPlmns = new PeerSepp(p.name(), p.fqdn(), List.of(A, B), new InetSocketAddress(1), p.trustAnchor(),
                false);
        Instant now = Instant.now();
        return N32fContext.tls(twoPlmns, N32Role.RESPONDER, "c1", now, now.plusSeconds(60));
    }

    @Test
    void anN32fCertificateMustStayWithinTheN32cCertificatesPlmns() throws Exception {
        N32fContext c = context().withN32cPeerPlmnIds(Set.of(A));
        assertThat(c.admitsN32fCertificatePlmns(Set.of(A))).isTrue();
        // B is the partner's in configuration, but its N32-c certificate did not carry it (TS 33.501 13.1.2).
        assertThat(c.admitsN32fCertificatePlmns(Set.of(A, B))).isFalse();
        assertThat(c.admitsN32fCertificatePlmns(Set.of())).isFalse();
        // A wither keeps what was recorded.
        assertThat(c.withState(N32fContextState.TERMINATED).n32cPeerPlmnIds()).containsExactly(A);
    }

    @Test
    void unrecordedFallsBackToThePartnersConfiguredPlmns() throws Exception {
        N32fContext c = context();
        assertThat(c.admitsN32fCertificatePlmns(Set.of(A, B))).isTrue();
        assertThat(c.admitsN32fCertificatePlmns(Set.of(C))).isFalse();
    }
}
