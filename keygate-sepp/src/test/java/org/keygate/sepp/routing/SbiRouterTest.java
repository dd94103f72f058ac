package org.keygate.sepp.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.keygate.sepp.routing.RoutingFixtures.OWN;
import static org.keygate.sepp.routing.RoutingFixtures.STRANGER;
import static org.keygate.sepp.routing.RoutingFixtures.THIRD;
import static org.keygate.sepp.routing.RoutingFixtures.VISITED;
import static org.keygate.sepp.routing.RoutingFixtures.fqdn;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sepp.routing.RoutingDecision.Forward;
import org.keygate.sepp.routing.RoutingDecision.Refuse;

class SbiRouterTest {
    private static final String UEAU = "/nudm-ueau/v1/suci-0-999-99-0000-0-0-0000000001/security-information/"
            + "generate-auth-data";
    private TelescopicFqdns telescopic;
    private SbiRouter router;

    @BeforeEach
    void setUp() throws Exception {
        RoutingSettings settings = RoutingSettings.builder().ownPlmn(OWN)
                .route("visited", Set.of("nudm-ueau", "nausf-auth"), Set.of("ROAMING"))
                .route("third", Set.of("nudm-sdm")).build();
        telescopic = new TelescopicFqdns(settings.telescopicDomain(), 10);
        router = new SbiRouter(settings, RoutingFixtures.peers(), telescopic);
    }

    @Test
    void targetApiRootHeaderChoosesThePartnerOfItsPlmn() {
        String target = "https://" + fqdn("udm", VISITED) + ":8443/prefix";
        Forward f = forward(request(UEAU, "3gpp-Sbi-Target-apiRoot", target, "host", "sepp.local"));
        assertThat(f.peer().name()).isEqualTo("visited");
        assertThat(f.targetPlmn()).isEqualTo(VISITED);
        assertThat(f.apiName()).isEqualTo("nudm-ueau");
        assertThat(f.target().toString()).isEqualTo(target);
        assertThat(f.request().headers().first("host")).isEmpty();
        assertThat(f.request().headers().all(SbiRouter.TARGET_API_ROOT)).containsExactly(target);
        assertThat(f.request().path()).isEqualTo(UEAU);
        // TS 33.501 13.1.1.2: TLS keeps the header and sends to the receiving SEPP; PRINS builds the URI from it.
        assertThat(f.tlsAuthority()).isEqualTo(VISITED.seppFqdn());
        assertThat(f.prinsRequest().path()).isEqualTo("/prefix" + UEAU);
        assertThat(f.prinsRequest().headers().first(SbiRouter.TARGET_API_ROOT)).isEmpty();
        assertThat(new String(f.request().body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void telescopicAuthorityIsMappedBackToTheForeignFqdn() {
        String foreign = fqdn("udm", VISITED);
        String label = telescopic.labelFor(foreign).orElseThrow();
        Forward f = forward(request(UEAU, "host", telescopic.telescopicFqdn(label) + ":443"));
        assertThat(f.target().toString()).isEqualTo("https://" + foreign);
        assertThat(f.peer().name()).isEqualTo("visited");
        assertThat(f.request().headers().all(SbiRouter.TARGET_API_ROOT)).containsExactly("https://" + foreign);
    }

    @Test
    void telescopicFqdnInTheHeaderIsMappedBackToo() {
        String label = telescopic.labelFor(fqdn("my-udm", VISITED)).orElseThrow();
        Forward f = forward(request(UEAU, "3gpp-Sbi-Target-apiRoot",
                "https://" + telescopic.telescopicFqdn(label) + ":8443"));
        assertThat(f.target().toString()).isEqualTo("https://" + fqdn("my-udm", VISITED) + ":8443");
    }

    @Test
    void aPlmnWithoutPartnerIsRefusedWith403() {
        Refuse r = refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", STRANGER)));
        assertThat(r.reason()).isEqualTo(RoutingRefusal.NO_PEER_FOR_PLMN);
        assertThat(r.problem().status()).isEqualTo(403);
        assertThat(r.problem().cause()).isEqualTo("REQUESTED_PURPOSE_NOT_ALLOWED");
        assertThat(r.response().status()).isEqualTo(403);
    }

    @Test
    void anApiOutsideTheAllowlistIsRefused() {
        Refuse r = refuse(request("/nudm-sdm/v2/imsi-001010000000001/am-data", "3gpp-Sbi-Target-apiRoot",
                "https://" + fqdn("udm", VISITED)));
        assertThat(r.reason()).isEqualTo(RoutingRefusal.API_NOT_ALLOWED);
        assertThat(r.problem().cause()).isEqualTo("INVALID_API");
        assertThat(r.problem().status()).isEqualTo(400);
        // ...while the same API toward the partner that allows it is forwarded.
        assertThat(forward(request("/nudm-sdm/v2/imsi-001010000000001/am-data", "3gpp-Sbi-Target-apiRoot",
                "https://" + fqdn("udm", THIRD))).peer().name()).isEqualTo("third");
    }

    @Test
    void everyOtherBadTargetIsRefusedWithItsReason() {
        assertThat(refuse(request(UEAU)).reason()).isEqualTo(RoutingRefusal.NO_TARGET);
        assertThat(refuse(request(UEAU, "host", "udm.example.org")).reason()).isEqualTo(RoutingRefusal.NO_TARGET);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "ftp://x.org")).reason())
                .isEqualTo(RoutingRefusal.MALFORMED_TARGET);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED),
                "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED))).reason())
                .isEqualTo(RoutingRefusal.MALFORMED_TARGET);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://udm.example.org")).reason())
                .isEqualTo(RoutingRefusal.TARGET_NOT_IN_A_PLMN);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://127.0.0.1:8080")).reason())
                .isEqualTo(RoutingRefusal.TARGET_NOT_IN_A_PLMN);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", OWN))).reason())
                .isEqualTo(RoutingRefusal.TARGET_IN_OWN_PLMN);
        assertThat(refuse(request(UEAU, "host", "tffffffffffffffffffffffff." + OWN.seppFqdn())).reason())
                .isEqualTo(RoutingRefusal.UNKNOWN_TELESCOPIC_LABEL);
        assertThat(refuse(request("/", "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED))).reason())
                .isEqualTo(RoutingRefusal.NO_API_NAME);
        assertThat(refuse(request("/nudm-ueau", "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED)))
                .reason()).isEqualTo(RoutingRefusal.NO_API_NAME);
    }

    @Test
    void theInterPlmnPurposeMustBeAllowedWhenTheRouteListsPurposes() {
        String target = "https://" + fqdn("udm", VISITED);
        assertThat(forward(request(UEAU, "3gpp-Sbi-Target-apiRoot", target, "3gpp-Sbi-Interplmn-Purpose",
                "ROAMING: home routed")).peer().name()).isEqualTo("visited");
        Refuse r = refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", target, "3gpp-Sbi-Interplmn-Purpose",
                "SMS_INTERCONNECT:"));
        assertThat(r.reason()).isEqualTo(RoutingRefusal.PURPOSE_NOT_ALLOWED);
        assertThat(r.problem().status()).isEqualTo(403);
    }

    @Test
    void aRouteForAnUnknownPeerIsAConfigurationError() throws Exception {
        RoutingSettings s = RoutingSettings.builder().ownPlmn(OWN).route("nobody", Set.of("nudm-ueau")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new SbiRouter(s, RoutingFixtures.peers(), telescopic)).hasMessageContaining("nobody");
    }

    private Forward forward(SbiRequest r) {
        RoutingDecision d = router.route(r);
        assertThat(d).isInstanceOf(Forward.class);
        return (Forward) d;
    }

    private Refuse refuse(SbiRequest r) {
        RoutingDecision d = router.route(r);
        assertThat(d).isInstanceOf(Refuse.class);
        return (Refuse) d;
    }

    private static SbiRequest request(String path, String... headers) {
        return new SbiRequest("POST", path, SbiHeaders.of(headers).with("content-type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theTelescopicAuthorityDecidesAndAContradictingHeaderIsRefused() {
        String label = telescopic.labelFor(fqdn("udm", VISITED)).orElseThrow();
        String authority = telescopic.telescopicFqdn(label);
        // TS 33.517 4.2.2.9: the header names the other partner; before, the header silently won.
        Refuse r = refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", THIRD), "host",
                authority));
        assertThat(r.reason()).isEqualTo(RoutingRefusal.TARGET_MISMATCH);
        // Agreeing header and authority: the header's apiRoot (with its port and prefix) is used.
        Forward f = forward(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED) + ":8443",
                "host", authority + ":443"));
        assertThat(f.peer().name()).isEqualTo("visited");
        assertThat(f.target().port()).isEqualTo(8443);
    }

    @Test
    void telescopicFqdnsOfAnotherSeppAreRefusedInTheAuthorityAndTheHeader() {
        String otherSepps = "udm-5gc-mnc099-mcc999-3gppnetwork-org.sepp.5gc.mnc070.mcc999.3gppnetwork.org";
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + fqdn("udm", VISITED), "host",
                otherSepps)).reason()).isEqualTo(RoutingRefusal.FOREIGN_TELESCOPIC_DOMAIN);
        assertThat(refuse(request(UEAU, "3gpp-Sbi-Target-apiRoot", "https://" + otherSepps, "host", "sepp.local"))
                .reason()).isEqualTo(RoutingRefusal.FOREIGN_TELESCOPIC_DOMAIN);
        assertThat(refuse(request(UEAU, "host", otherSepps)).reason())
                .isEqualTo(RoutingRefusal.FOREIGN_TELESCOPIC_DOMAIN);
    }
}
