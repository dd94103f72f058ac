package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.fail;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.pass;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sepp.routing.ApiRoot;
import org.keygate.tls.plmn.PlmnId;

/** The producer-side gate: targets in the own PLMN only, APIs per peer. */
class InboundTargetCheckTest {
    private static final PlmnId HOME = PlmnId.parse("001-01");
    private static final String UEAU = "/nudm-ueau/v1/imsi-999990000000001/security-information/generate-auth-data";
    private final InboundTargetCheck check = new InboundTargetCheck(List.of(HOME),
            Map.of("visited", Set.of("nudm-ueau", "nausf-auth")));

    @Test
    void aTargetInTheOwnPlmnWithAnAllowedApiPasses() {
        pass(check.check(request(UEAU, "https://udm.5gc.mnc001.mcc001.3gppnetwork.org"), "visited"));
        pass(check.check(request(UEAU, "https://udm.5gc.mnc001.mcc001.3gppnetwork.org:8443/pre/fix"), "visited"));
        ApiRoot prins = new ApiRoot("https", "ausf.5gc.mnc001.mcc001.3gppnetwork.org", -1, "");
        assertThat(pass(check.check(prins, "/nausf-auth/v1/ue-authentications", "visited"))).isEqualTo(prins);
    }

    @Test
    void thePeerCannotUseThisSeppAsARelay() {
        assertThat(fail(check.check(request(UEAU, "https://udm.5gc.mnc070.mcc999.3gppnetwork.org"), "visited")))
                .isEqualTo(EdgeViolation.TARGET_NOT_IN_OWN_PLMN);
        assertThat(fail(check.check(request(UEAU, "https://10.0.0.7:8080"), "visited")))
                .isEqualTo(EdgeViolation.TARGET_NOT_IN_OWN_PLMN);
        assertThat(fail(check.check(request(UEAU, "https://intranet.example.org"), "visited")))
                .isEqualTo(EdgeViolation.TARGET_NOT_IN_OWN_PLMN);
        assertThat(fail(check.check(request(UEAU), "visited"))).isEqualTo(EdgeViolation.TARGET_MISSING);
        assertThat(fail(check.check(request(UEAU, "udm"), "visited"))).isEqualTo(EdgeViolation.TARGET_MALFORMED);
        var twice = new SbiRequest("POST", UEAU, SbiHeaders.of("3gpp-Sbi-Target-apiRoot",
                "https://udm.5gc.mnc001.mcc001.3gppnetwork.org", "3gpp-Sbi-Target-apiRoot",
                "https://udm.5gc.mnc070.mcc999.3gppnetwork.org"), new byte[0]);
        assertThat(fail(check.check(twice, "visited"))).isEqualTo(EdgeViolation.TARGET_MALFORMED);
    }

    @Test
    void apisOutsideThePeersAllowlistAreRefused() {
        String udm = "https://udm.5gc.mnc001.mcc001.3gppnetwork.org";
        EdgeCheckResult<SbiRequest> sdm = check.check(request("/nudm-sdm/v2/imsi-1/am-data", udm), "visited");
        assertThat(fail(sdm)).isEqualTo(EdgeViolation.API_NOT_ALLOWED);
        assertThat(((EdgeCheckResult.Fail<SbiRequest>) sdm).problem().cause()).isEqualTo("INVALID_API");
        assertThat(fail(check.check(request(UEAU, udm), "third"))).isEqualTo(EdgeViolation.API_NOT_ALLOWED);
        assertThat(fail(check.check(request("/", udm), "visited"))).isEqualTo(EdgeViolation.API_NOT_ALLOWED);
        assertThatThrownBy(() -> new InboundTargetCheck(List.of(HOME), Map.of("v", Set.of("Bad API"))))
                .hasMessageContaining("Bad API");
    }

    private static SbiRequest request(String path, String... target) {
        SbiHeaders h = target.length == 0 ? SbiHeaders.empty() : SbiHeaders.of("3gpp-Sbi-Target-apiRoot", target[0]);
        return new SbiRequest("POST", path, h, new byte[0]);
    }
}
