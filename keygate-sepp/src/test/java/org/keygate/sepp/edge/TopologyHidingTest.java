package org.keygate.sepp.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.fail;
import static org.keygate.sepp.edge.OriginatingNetworkIdCheckTest.pass;

import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.tls.plmn.PlmnId;

class TopologyHidingTest {
    private static final PlmnId HOME = PlmnId.parse("001-01");
    private static final String AUSF = "ausf-7.site2.5gc.mnc001.mcc001.3gppnetwork.org";
    private static final String PSEUDO = "ausf.5gc.mnc001.mcc001.3gppnetwork.org";
    private final TopologyHiding hiding = new TopologyHiding(TopologyHidingSettings.builder().ownPlmn(HOME)
            .hide(AUSF, PSEUDO).build());

    @Test
    void locationOfAnOwnNfIsReplacedByItsPseudonymAndBack() {
        SbiResponse created = new SbiResponse(201, SbiHeaders.of("location",
                "https://" + AUSF + ":8443/nausf-auth/v1/ue-authentications/a%2Fb?x=1", "content-type",
                "application/3gppHal+json"), new byte[0]);
        SbiResponse hidden = pass(hiding.hide(created));
        assertThat(hidden.headers().first("location"))
                .contains("https://" + PSEUDO + ":8443/nausf-auth/v1/ue-authentications/a%2Fb?x=1");
        assertThat(hidden.headers().first("content-type")).contains("application/3gppHal+json");
        SbiRequest in = new SbiRequest("PUT", "/nausf-auth/v1/ue-authentications/1/5g-aka-confirmation",
                SbiHeaders.of("3gpp-Sbi-Target-apiRoot", "https://" + PSEUDO + ":8443"), new byte[0]);
        assertThat(hiding.recover(in).headers().first("3gpp-sbi-target-apiroot")).contains("https://" + AUSF + ":8443");
    }

    @Test
    void anUnmappedOwnFqdnStopsTheMessageUnlessConfiguredToPass() {
        SbiResponse leaky = new SbiResponse(201, SbiHeaders.of("location",
                "https://udm-3.5gc.mnc001.mcc001.3gppnetwork.org/x"), new byte[0]);
        assertThat(fail(hiding.hide(leaky))).isEqualTo(EdgeViolation.TOPOLOGY_NOT_MAPPED);
        TopologyHiding lenient = new TopologyHiding(TopologyHidingSettings.builder().ownPlmn(HOME).hide(AUSF, PSEUDO)
                .refuseUnmapped(false).build());
        assertThat(pass(lenient.hide(leaky)).headers().first("location"))
                .contains("https://udm-3.5gc.mnc001.mcc001.3gppnetwork.org/x");
        // Foreign FQDNs, pseudonyms themselves, relative URIs and non-URIs pass unchanged.
        for (String v : new String[] {"https://udm.5gc.mnc099.mcc999.3gppnetwork.org/x", "https://" + PSEUDO + "/y",
                "/relative/path", "not a uri ::"}) {
            SbiResponse r = new SbiResponse(200, SbiHeaders.of("location", v), new byte[0]);
            assertThat(pass(hiding.hide(r)).headers().first("location")).as(v).contains(v);
        }
        // The host's case does not matter (RFC 3986 3.2.2): an own FQDN in capitals is hidden, or refused.
        SbiResponse capitals = new SbiResponse(201, SbiHeaders.of("location", "https://" + AUSF.toUpperCase() + "/x"),
                new byte[0]);
        assertThat(pass(hiding.hide(capitals)).headers().first("location")).contains("https://" + PSEUDO + "/x");
        assertThat(fail(hiding.hide(new SbiResponse(201, SbiHeaders.of("location",
                "https://UDM-3.5gc.mnc001.mcc001.3gppnetwork.org/x"), new byte[0])))).isEqualTo(
                EdgeViolation.TOPOLOGY_NOT_MAPPED);
        SbiRequest callback = new SbiRequest("POST", "/x", SbiHeaders.of("content-location",
                "https://" + AUSF + "/cb"), new byte[0]);
        assertThat(pass(hiding.hide(callback)).headers().first("content-location")).contains("https://" + PSEUDO + "/cb");
    }

    @Test
    void settingsRefuseAmbiguousOrForeignPairs() {
        assertThatThrownBy(() -> TopologyHidingSettings.builder().ownPlmn(HOME).hide(AUSF, PSEUDO).hide(AUSF, "b"))
                .hasMessageContaining("one pair");
        assertThatThrownBy(() -> TopologyHidingSettings.builder().ownPlmn(HOME).hide(AUSF, AUSF))
                .hasMessageContaining("the same name");
        assertThatThrownBy(() -> TopologyHidingSettings.builder().ownPlmn(HOME)
                .hide("udm.5gc.mnc099.mcc999.3gppnetwork.org", PSEUDO).build()).hasMessageContaining("5GC FQDN of");
        assertThatThrownBy(() -> TopologyHidingSettings.builder().build()).hasMessageContaining("ownPlmns");
    }
}
