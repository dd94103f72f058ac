package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.ca.OnboardingCredential;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;
import org.keygate.capif.model.AccessControlPolicyList;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.OnboardingInformation;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.store.MvCapifStore;

/**
 * Issue 13 item 4 on a real CCF over TLS, every message checked against the Rel-18 files: onboarding needs an
 * onboarding credential the CCF's CA signed; its API list is what the invoker sees in the onboarding answer and in
 * discovery and the only APIs it gets authorized for; supportedFeatures is negotiated, not echoed.
 */
class OnboardingCredentialTest {
    @TempDir
    Path dir;
    MvCapifStore store;
    CcfLab lab;
    NotificationSink sink;
    String apiId;

    @BeforeEach
    void start() throws Exception {
        sink = new NotificationSink();
        store = MvCapifStore.inMemory();
        lab = new CcfLab(store, CcfLab.newCa(dir.resolve("ca")), Capif1eSecrets.NONE,
                b -> b.onboardingCredentialRequired(true));
        lab.registerProvider();
        apiId = lab.publish(8443, List.of(SecurityMethod.PKI));
    }

    @AfterEach
    void stop() {
        sink.close();
        lab.close();
        store.close();
    }

    record Onboarded(Wire.Answer answer, CsrRequester key) {}

    Onboarded onboard(String authorization, String features) throws Exception {
        CsrRequester key = CsrRequester.create("invoker");
        var req = new APIInvokerEnrolmentDetails(null, OnboardingInformation.request(key.csrPem()), sink.uri(), null,
                null, "credential test", features);
        Wire w = lab.anonymous(HttpClient.Version.HTTP_2);
        if (authorization != null) {
            w = w.withAuthorization(authorization);
        }
        return new Onboarded(w.send(Api.INVOKER_MANAGEMENT, "POST", Api.INVOKER_MANAGEMENT.root
                + "/onboardedInvokers", req), key);
    }

    String credential(List<String> apis) {
        return OnboardingCredential.issue(lab.ca, "acme app", apis, Duration.ofDays(1), Clock.systemUTC());
    }

    @Test
    void onboardingWithoutAValidCredentialIsRefused() throws Exception {
        Wire.Answer none = onboard(null, null).answer();
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.cause()).isEqualTo("ONBOARDING_CREDENTIAL_REQUIRED");

        CcfCertificateAuthority other = CcfCertificateAuthority.create("another CA", Duration.ofDays(1),
                Clock.systemUTC());
        String expired = OnboardingCredential.issue(lab.ca, "acme app", List.of("*"), Duration.ofHours(1),
                Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
        for (String[] bad : new String[][] {
                {"Bearer made-up", "not a JWS"},
                {"Bearer " + OnboardingCredential.issue(other, "x", List.of("*"), Duration.ofDays(1),
                        Clock.systemUTC()), "signature"},
                {"Bearer " + expired, "expired"},
                {"Basic " + credential(List.of("*")), "Bearer"}}) {
            Wire.Answer a = onboard(bad[0], null).answer();
            assertThat(a.status()).as(bad[1]).isEqualTo(401);
            assertThat(a.cause()).as(bad[1]).isEqualTo("INVALID_TOKEN");
            assertThat(new String(a.body(), java.nio.charset.StandardCharsets.UTF_8)).as(bad[1]).contains(bad[1]);
        }
        assertThat(store.map("invokers", StoredInvoker.class).values()).isEmpty();
    }

    @Test
    void theCredentialsApiListDecidesWhatTheInvokerSeesAndMayUse() throws Exception {
        Onboarded elsewhere = onboard("Bearer " + credential(List.of("other-api")), "3");
        assertThat(elsewhere.answer().status()).isEqualTo(201);
        APIInvokerEnrolmentDetails out = elsewhere.answer().as(APIInvokerEnrolmentDetails.class);
        assertThat(out.apiList()).as("nef-demo is not on its list").isNull();
        // TS 29.222 8.4.6: of features 1 and 2 asked for, keygate supports 1 (Notification_test_event).
        assertThat(out.supportedFeatures()).isEqualTo("1");
        Wire w = lab.as(lab.context(elsewhere.key(), out.onboardingInformation().apiInvokerCertificate()));
        String q = Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id=" + out.apiInvokerId();
        assertThat(w.send(Api.DISCOVER, "GET", q, null).as(DiscoveredAPIs.class).serviceAPIDescriptions()).isNull();
        var refused = w.send(Api.SECURITY, "PUT", Api.SECURITY.root + "/trustedInvokers/" + out.apiInvokerId(),
                new ServiceSecurity(List.of(new SecurityInformation(null, lab.aefId, apiId,
                        List.of(SecurityMethod.PKI), null, null, null)), sink.uri(), null, null));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.cause()).isEqualTo("API_INVOKER_NOT_AUTHORIZED");

        Onboarded allowed = onboard("Bearer " + credential(List.of("nef-demo")), null);
        APIInvokerEnrolmentDetails ok = allowed.answer().as(APIInvokerEnrolmentDetails.class);
        assertThat(ok.apiList().serviceAPIDescriptions()).extracting(ServiceAPIDescription::apiId)
                .containsExactly(apiId);
        assertThat(ok.supportedFeatures()).as("none asked, none answered").isNull();
        Wire w2 = lab.as(lab.context(allowed.key(), ok.onboardingInformation().apiInvokerCertificate()));
        DiscoveredAPIs found = w2.send(Api.DISCOVER, "GET", Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id="
                + ok.apiInvokerId() + "&supported-features=1", null).as(DiscoveredAPIs.class);
        assertThat(found.serviceAPIDescriptions()).hasSize(1);
        assertThat(found.suppFeat()).as("Rel-18 DiscoveredAPIs has no suppFeat").isNull();
        assertThat(w2.send(Api.SECURITY, "PUT", Api.SECURITY.root + "/trustedInvokers/" + ok.apiInvokerId(),
                new ServiceSecurity(List.of(new SecurityInformation(null, lab.aefId, apiId,
                        List.of(SecurityMethod.PKI), null, null, null)), sink.uri(), null, null)).status())
                .isEqualTo(201);
        // The access control policy the AEF reads names the allowed invoker only.
        var acl = lab.as(lab.aef).send(Api.ACCESS_CONTROL_POLICY, "GET", Api.ACCESS_CONTROL_POLICY.root
                + "/accessControlPolicyList/" + apiId + "?aef-id=" + lab.aefId, null);
        assertThat(acl.as(AccessControlPolicyList.class).apiInvokerPolicies()).extracting(p -> p.apiInvokerId())
                .containsExactly(ok.apiInvokerId());
    }

    @Test
    void publishAndRegistrationNegotiateTheirFeatures() throws Exception {
        var desc = new ServiceAPIDescription("feature-api", null, List.of(new org.keygate.capif.model.AefProfile(
                lab.aefId, List.of(new org.keygate.capif.model.Version("v1", null, null)), "HTTP_1_1", "JSON",
                List.of(SecurityMethod.PKI), null, List.of(org.keygate.capif.model.InterfaceDescription.ipv4(
                        "127.0.0.1", 8444, "/f", null)))), null, "3", null, null, null);
        var a = lab.as(lab.apf).send(Api.PUBLISH, "POST", Api.PUBLISH.root + "/" + lab.apfId + "/service-apis", desc);
        assertThat(a.status()).isEqualTo(201);
        // TS 29.222 8.2.6: neither ApiSupportedFeaturePublishing nor PatchUpdate: "3" asked, "0" answered.
        assertThat(a.as(ServiceAPIDescription.class).supportedFeatures()).isEqualTo("0");
    }
}
