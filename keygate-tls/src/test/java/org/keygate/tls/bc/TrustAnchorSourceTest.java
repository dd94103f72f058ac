package org.keygate.tls.bc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.tls.pki.LabCa;

/**
 * {@link TrustAnchorSource}, two independent lab CAs A and B: the judgement of an established chain follows the swap
 * (what a reload's check of open connections relies on), configs built with it read it per handshake, and the
 * List-based builders keep their fixed anchors.
 */
class TrustAnchorSourceTest {
    @Test
    void aChainIsJudgedUnderTheAnchorsOfNowAndConfigsSeeTheSwap() throws Exception {
        LabCa a = LabCa.create("CA A", Duration.ofDays(2));
        LabCa b = LabCa.create("CA B", Duration.ofDays(2));
        LabCa.Issued fromA = a.issue(List.of("invoker-a.example"), List.of());
        TrustAnchorSource anchors = TrustAnchorSource.of(List.of(a.certificate()));
        BcTlsServerConfig server = BcTlsServerConfig.builder()
                .keyMaterial(new org.keygate.tls.jsse.TlsKeyMaterial(fromA.keyPair().getPrivate(),
                        List.of(fromA.certificate())))
                .clientAuth(ClientAuth.OPTIONAL, anchors).build();
        BcTlsClientConfig client = BcTlsClientConfig.builder().trustAnchors(anchors).build();

        assertThat(anchors.untrustedNow(List.of(fromA.certificate()))).isEmpty();
        anchors.swap(List.of(a.certificate(), b.certificate()));
        assertThat(anchors.untrustedNow(List.of(fromA.certificate()))).as("under A+B").isEmpty();
        anchors.swap(List.of(b.certificate()));
        assertThat(anchors.untrustedNow(List.of(fromA.certificate()))).as("under B alone").get().asString()
                .contains("bad_certificate").contains("not trusted");
        assertThat(server.trustAnchors()).containsExactly(b.certificate());
        assertThat(client.trustAnchors()).containsExactly(b.certificate());
        assertThatThrownBy(() -> anchors.swap(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(anchors.current()).as("an empty swap changes nothing").containsExactly(b.certificate());

        BcTlsClientConfig fixed = BcTlsClientConfig.builder().trustAnchors(List.of(a.certificate())).build();
        assertThat(fixed.toBuilder().build().trustAnchors()).containsExactly(a.certificate());
    }
}
