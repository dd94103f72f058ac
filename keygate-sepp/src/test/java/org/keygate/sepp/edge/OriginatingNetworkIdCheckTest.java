package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.tls.plmn.PlmnId;
import org.keygate.sbi.http.OriginatingNetworkId;

class OriginatingNetworkIdCheckTest {
    private static final PlmnId HOME = PlmnId.parse("001-01");
    private static final PlmnId VISITED = PlmnId.parse("999-99");
    private final OriginatingNetworkIdCheck sending = new OriginatingNetworkIdCheck(List.of(VISITED),
            VISITED.seppFqdn());

    @Test
    void parsesAndFormatsTheTs29500Grammar() {
        OriginatingNetworkId id = OriginatingNetworkId.parse(" 001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org ")
                .orElseThrow();
        assertThat(id.plmn()).isEqualTo(HOME);
        assertThat(id.sourceType()).contains("SEPP");
        assertThat(id.sourceFqdn()).contains("sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(id.format()).isEqualTo("001-01; src: SEPP-sepp.5gc.mnc001.mcc001.3gppnetwork.org");
        assertThat(OriginatingNetworkId.parse("999-701-0123456789A").orElseThrow().nid()).contains("0123456789A");
        assertThat(OriginatingNetworkId.parse("999-70").orElseThrow().format()).isEqualTo("999-70");
        // The ABNF allows no space after ";" (OWS).
        assertThat(OriginatingNetworkId.parse("001-01;src: SEPP-x.org").orElseThrow().sourceFqdn()).contains("x.org");
        for (String bad : new String[] {"", "00101", "001-1", "001-01; src SEPP-abcd.org", "001-01; src:SEPP-abcd",
                "001-01; src: NRF-abcd.org", "001-01-0123", "001-01; src: SEPP-a", "1001-01"}) {
            assertThat(OriginatingNetworkId.parse(bad)).as(bad).isEmpty();
        }
        assertThat(OriginatingNetworkId.parse(null)).isEmpty();
    }

    @Test
    void sendingSeppInsertsItsOwnValueAndRefusesAnNfSpeakingForAnotherNetwork() {
        SbiRequest out = pass(sending.insert(request(), VISITED));
        assertThat(out.headers().all(OriginatingNetworkId.HEADER))
                .containsExactly("999-99; src: SEPP-sepp.5gc.mnc099.mcc999.3gppnetwork.org");
        SbiRequest replaced = pass(sending.insert(request(OriginatingNetworkId.HEADER, "999-99"), VISITED));
        assertThat(replaced.headers().all(OriginatingNetworkId.HEADER)).hasSize(1);
        assertThat(fail(sending.insert(request(OriginatingNetworkId.HEADER, "001-01"), VISITED)))
                .isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MISMATCH);
        assertThat(fail(sending.insert(request(OriginatingNetworkId.HEADER, "x"), VISITED)))
                .isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED);
    }

    @Test
    void receivingSeppAcceptsOnlyThePeersPlmn() {
        SbiRequest fromVisited = pass(sending.insert(request(), VISITED));
        assertThat(pass(OriginatingNetworkIdCheck.check(fromVisited, List.of(VISITED))).plmn()).isEqualTo(VISITED);
        EdgeCheckResult<?> spoofed = OriginatingNetworkIdCheck.check(fromVisited, List.of(PlmnId.parse("999-70")));
        assertThat(fail(spoofed)).isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MISMATCH);
        assertThat(((EdgeCheckResult.Fail<?>) spoofed).problem().status()).isEqualTo(400);
        assertThat(((EdgeCheckResult.Fail<?>) spoofed).problem().cause()).isEqualTo("MANDATORY_IE_INCORRECT");
        assertThat(EdgeViolation.ORIGINATING_NETWORK_ID_MISMATCH.n32fErrorType().name()).isEqualTo("POLICY_MISMATCH");
        assertThat(fail(OriginatingNetworkIdCheck.check(request(), List.of(VISITED))))
                .isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MISSING);
        assertThat(fail(OriginatingNetworkIdCheck.check(request(OriginatingNetworkId.HEADER, "999-99",
                OriginatingNetworkId.HEADER, "999-99"), List.of(VISITED))))
                .isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED);
        assertThat(fail(OriginatingNetworkIdCheck.check(request(OriginatingNetworkId.HEADER, "999_99"),
                List.of(VISITED)))).isEqualTo(EdgeViolation.ORIGINATING_NETWORK_ID_MALFORMED);
    }

    static SbiRequest request(String... headers) {
        return new SbiRequest("POST", "/nudm-ueau/v1/x/security-information/generate-auth-data",
                SbiHeaders.of(headers), new byte[0]);
    }

    static <T> T pass(EdgeCheckResult<T> r) {
        assertThat(r).isInstanceOf(EdgeCheckResult.Pass.class);
        return ((EdgeCheckResult.Pass<T>) r).value();
    }

    static EdgeViolation fail(EdgeCheckResult<?> r) {
        assertThat(r).isInstanceOf(EdgeCheckResult.Fail.class);
        return ((EdgeCheckResult.Fail<?>) r).violation();
    }

}
