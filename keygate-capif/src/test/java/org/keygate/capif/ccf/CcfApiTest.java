package org.keygate.capif.ccf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrRequester;
import org.keygate.capif.model.AccessControlPolicyList;
import org.keygate.capif.model.ApiInvokerPolicy;
import org.keygate.capif.model.DiscoveredAPIs;
import org.keygate.capif.model.InterfaceDescription;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.store.MvCapifStore;
import org.keygate.capif.tls.CapifTls;
import org.keygate.sbi.json.SbiJson;

/**
 * The CCF's CAPIF APIs end to end over real TLS (HTTP/1.1 and h2), every message checked against the Rel-18
 * OpenAPI files, with PKI as the security method (PSK needs CAPIF-1e secrets; see {@code CcfAefPskTest}).
 */
class CcfApiTest {
    @TempDir
    Path dir;
    MvCapifStore store;
    CcfLab lab;
    NotificationSink sink;
    String apiId;

    @BeforeEach
    void start() throws Exception {
        sink = new NotificationSink();
        store = MvCapifStore.open(dir.resolve("ccf.mv"));
        lab = new CcfLab(store, CcfLab.newCa(dir.resolve("ca")), Capif1eSecrets.NONE);
        lab.registerProvider();
        apiId = lab.publish(8443, List.of(SecurityMethod.PSK, SecurityMethod.PKI));
    }

    @AfterEach
    void stop() {
        sink.close();
        lab.close();
        store.close();
    }

    private static SecurityInformation pref(String aefId, String apiId, SecurityMethod... methods) {
        return new SecurityInformation(null, aefId, apiId, List.of(methods), null, null, null);
    }

    private String trusted(String invokerId) {
        return Api.SECURITY.root + "/trustedInvokers/" + invokerId;
    }

    @Test
    void onboardingIssuesACertificateForTheAssignedIdFromTheCcfCa() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        var cert = CcfLab.cert(inv.certificatePem());
        cert.verify(lab.ca.certificate().getPublicKey());
        assertThat(CcfCertificateAuthority.commonName(cert)).isEqualTo(inv.id());
        assertThat(inv.id()).matches("INV[0-9a-f]{32}");
        assertThat(inv.location()).isEqualTo("https://localhost:" + lab.port + Api.INVOKER_MANAGEMENT.root
                + "/onboardedInvokers/" + inv.id());
    }

    @Test
    void discoveryAppliesItsFilters() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        Wire w = lab.as(inv.tls());
        String q = Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id=" + inv.id();
        DiscoveredAPIs all = w.send(Api.DISCOVER, "GET", q, null).as(DiscoveredAPIs.class);
        assertThat(all.serviceAPIDescriptions()).extracting(d -> d.apiId()).containsExactly(apiId);
        // comm-type, protocol and data-format are anyOf-typed query parameters, which the validator reads as JSON
        // text and so cannot check: these requests go unchecked, their answers are still validated.
        assertThat(w.sendUnchecked(Api.DISCOVER, "GET", q + "&api-name=nef-demo&protocol=HTTP_1_1&aef-id=" + lab.aefId
                + "&api-version=v1&comm-type=REQUEST_RESPONSE&data-format=JSON&api-cat=demo", null)
                .as(DiscoveredAPIs.class).serviceAPIDescriptions()).hasSize(1);
        for (String miss : List.of("&api-name=other", "&protocol=HTTP_2", "&aef-id=AEFnone", "&api-version=v2",
                "&comm-type=SUBSCRIBE_NOTIFY", "&api-cat=other", "&data-format=XML")) {
            var a = w.sendUnchecked(Api.DISCOVER, "GET", q + miss, null);
            assertThat(a.status()).as(miss).isEqualTo(200);
            assertThat(a.as(DiscoveredAPIs.class).serviceAPIDescriptions()).as(miss).isNull();
        }
    }

    @Test
    void pskIsNotSelectedWithoutCapif1eSecretsAndPkiIs() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        Wire w = lab.as(inv.tls());
        var pskOnly = w.send(Api.SECURITY, "PUT", trusted(inv.id()),
                new ServiceSecurity(List.of(pref(lab.aefId, apiId, SecurityMethod.PSK)), sink.uri(), null, null));
        assertThat(pskOnly.status()).isEqualTo(403);
        assertThat(pskOnly.cause()).isEqualTo("NO_COMMON_SECURITY_METHOD");

        var a = w.send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(
                List.of(pref(lab.aefId, apiId, SecurityMethod.PSK, SecurityMethod.PKI)), sink.uri(), null, null));
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.location()).endsWith(trusted(inv.id()));
        SecurityInformation s = a.as(ServiceSecurity.class).securityInfo().getFirst();
        assertThat(s.selSecurityMethod()).isEqualTo(SecurityMethod.PKI);
        assertThat(s.authenticationInfo()).isNull();
        // Named by aefId in the request, so by aefId in the answer (the schema's oneOf allows one of the two).
        assertThat(s.aefId()).isEqualTo(lab.aefId);
        assertThat(s.interfaceDetails()).isNull();
        assertThat(s.apiId()).isEqualTo(apiId);
    }

    @Test
    void theAefGetsTheInvokersAuthenticationAndAuthorizationInfo() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(
                List.of(pref(lab.aefId, apiId, SecurityMethod.PKI)), sink.uri(), null, null));
        var a = lab.as(lab.aef).send(Api.SECURITY, "GET",
                trusted(inv.id()) + "?authenticationInfo=true&authorizationInfo=true", null);
        assertThat(a.status()).isEqualTo(200);
        SecurityInformation s = a.as(ServiceSecurity.class).securityInfo().getFirst();
        assertThat(s.authenticationInfo()).isEqualTo(inv.certificatePem());
        assertThat(s.authorizationInfo()).isEqualTo(apiId);
        // Without the flags, neither is sent.
        SecurityInformation bare = lab.as(lab.aef).send(Api.SECURITY, "GET", trusted(inv.id()), null)
                .as(ServiceSecurity.class).securityInfo().getFirst();
        assertThat(bare.authenticationInfo()).isNull();
        assertThat(bare.authorizationInfo()).isNull();
        // Only an AEF may ask; the invoker itself and the APF may not.
        assertThat(lab.as(lab.apf).send(Api.SECURITY, "GET", trusted(inv.id()), null).cause())
                .isEqualTo("ROLE_NOT_ALLOWED");
        assertThat(lab.as(inv.tls()).send(Api.SECURITY, "GET", trusted(inv.id()), null).cause())
                .isEqualTo("ROLE_NOT_ALLOWED");

        var acl = lab.as(lab.aef).send(Api.ACCESS_CONTROL_POLICY, "GET", Api.ACCESS_CONTROL_POLICY.root
                + "/accessControlPolicyList/" + apiId + "?aef-id=" + lab.aefId, null);
        assertThat(acl.as(AccessControlPolicyList.class).apiInvokerPolicies()).extracting(ApiInvokerPolicy::apiInvokerId)
                .containsExactly(inv.id());
    }

    @Test
    void revocationByTheAefRemovesTheAuthorizationAndNotifiesTheInvoker() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(
                List.of(pref(lab.aefId, apiId, SecurityMethod.PKI)), sink.uri(), null, null));
        var revoke = new SecurityNotification(inv.id(), lab.aefId, List.of(apiId), SecurityNotification.UNEXPECTED_REASON);
        assertThat(lab.as(lab.aef).send(Api.SECURITY, "POST", trusted(inv.id()) + "/delete", revoke).status())
                .isEqualTo(204);

        var n = sink.next();
        assertThat(n.path()).isEqualTo("/notify");
        assertThat(SbiJson.read(n.body(), SecurityNotification.class)).isEqualTo(revoke);
        // The callback schema is SecurityNotification, which is also RevokeAuthorizationReq.revokeInfo: check it there.
        byte[] wrapped = ("{\"revokeInfo\":" + new String(n.body(), StandardCharsets.UTF_8)
                + ",\"supportedFeatures\":\"0\"}").getBytes(StandardCharsets.UTF_8);
        CapifOpenApi.assertValidRequest(Api.AEF_SECURITY, "POST", Api.AEF_SECURITY.root + "/revoke-authorization",
                "application/json", wrapped);

        var after = lab.as(lab.aef).send(Api.SECURITY, "GET", trusted(inv.id()) + "?authenticationInfo=true", null);
        assertThat(after.status()).isEqualTo(404);
        var acl = lab.as(lab.aef).send(Api.ACCESS_CONTROL_POLICY, "GET", Api.ACCESS_CONTROL_POLICY.root
                + "/accessControlPolicyList/" + apiId + "?aef-id=" + lab.aefId, null);
        assertThat(acl.as(AccessControlPolicyList.class).apiInvokerPolicies()).isEmpty();
    }

    @Test
    void anAefDeletesTheInvokersContextAndOnlyAnAefItNames() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(
                List.of(pref(lab.aefId, apiId, SecurityMethod.PKI)), sink.uri(), null, null));
        assertThat(lab.as(lab.apf).send(Api.SECURITY, "DELETE", trusted(inv.id()), null).cause())
                .isEqualTo("ROLE_NOT_ALLOWED");
        CcfLab.Invoker other = lab.onboard(sink.uri());
        assertThat(lab.as(other.tls()).send(Api.SECURITY, "DELETE", trusted(inv.id()), null).cause())
                .isEqualTo("ROLE_NOT_ALLOWED");

        assertThat(lab.as(lab.aef).send(Api.SECURITY, "DELETE", trusted(inv.id()), null).status()).isEqualTo(204);
        var n = SbiJson.read(sink.next().body(), SecurityNotification.class);
        assertThat(n).isEqualTo(new SecurityNotification(inv.id(), lab.aefId, List.of(apiId),
                SecurityNotification.UNEXPECTED_REASON));
        assertThat(lab.as(lab.aef).send(Api.SECURITY, "GET", trusted(inv.id()) + "?authenticationInfo=true", null)
                .status()).isEqualTo(404);
        assertThat(lab.as(lab.aef).send(Api.SECURITY, "DELETE", trusted(inv.id()), null).status()).isEqualTo(404);
    }

    @Test
    void aPartyActsOnlyForItself() throws Exception {
        CcfLab.Invoker a = lab.onboard(sink.uri());
        CcfLab.Invoker b = lab.onboard(sink.uri());
        var put = new ServiceSecurity(List.of(pref(lab.aefId, apiId, SecurityMethod.PKI)), sink.uri(), null, null);
        assertThat(lab.as(b.tls()).send(Api.SECURITY, "PUT", trusted(a.id()), put).cause())
                .isEqualTo("IDENTITY_MISMATCH");
        assertThat(lab.as(b.tls()).send(Api.DISCOVER, "GET", Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id="
                + a.id(), null).cause()).isEqualTo("IDENTITY_MISMATCH");
        var anonymous = lab.anonymous(HttpClient.Version.HTTP_2).send(Api.SECURITY, "PUT", trusted(a.id()), put);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.cause()).isEqualTo("CLIENT_CERTIFICATE_REQUIRED");
        assertThat(lab.as(b.tls()).send(Api.INVOKER_MANAGEMENT, "DELETE", Api.INVOKER_MANAGEMENT.root
                + "/onboardedInvokers/" + a.id(), null).cause()).isEqualTo("IDENTITY_MISMATCH");
        assertThat(lab.as(lab.aef).send(Api.PUBLISH, "GET", Api.PUBLISH.root + "/" + lab.aefId + "/service-apis",
                null).cause()).isEqualTo("ROLE_NOT_ALLOWED");
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        CcfCertificateAuthority other = CcfLab.newCa(dir.resolve("other-ca"));
        CsrRequester key = CsrRequester.create("impostor");
        var cert = other.issueClient(key.csrPem(), lab.onboard(sink.uri()).id(), List.of());
        var ctx = CapifTls.context(key.keyPair().getPrivate(), List.of(cert), lab.ca.certificate());
        assertThatThrownBy(() -> lab.as(ctx).sendUnchecked(Api.DISCOVER, "GET",
                Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id=x", null))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void hostileInputGetsProblemDetails() throws Exception {
        Wire anon = lab.anonymous(HttpClient.Version.HTTP_1_1);
        String onboard = Api.INVOKER_MANAGEMENT.root + "/onboardedInvokers";
        var malformed = anon.sendUnchecked(Api.INVOKER_MANAGEMENT, "POST", onboard, "{\"a\":".getBytes());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.cause()).isEqualTo("INVALID_MSG_FORMAT");
        var badCsr = anon.sendUnchecked(Api.INVOKER_MANAGEMENT, "POST", onboard, ("{\"onboardingInformation\":"
                + "{\"apiInvokerPublicKey\":\"not a csr\"},\"notificationDestination\":\"" + sink.uri() + "\"}").getBytes());
        assertThat(badCsr.cause()).isEqualTo("MANDATORY_IE_INCORRECT");
        assertThat(SbiJson.read(badCsr.body(), org.keygate.sbi.http.ProblemDetails.class).detail())
                .doesNotContain("not a csr");
        var regSec = anon.send(Api.PROVIDER_MANAGEMENT, "POST", Api.PROVIDER_MANAGEMENT.root + "/registrations",
                new org.keygate.capif.model.APIProviderEnrolmentDetails(null, "wrong-secret", List.of(
                        new org.keygate.capif.model.APIProviderFunctionDetails(null,
                                new org.keygate.capif.model.RegistrationInformation(CsrRequester.create("x").csrPem(),
                                        null), org.keygate.capif.model.ApiProviderFuncRole.AEF, null)),
                        null, null, null));
        assertThat(regSec.status()).isEqualTo(403);
        assertThat(regSec.cause()).isEqualTo("REGISTRATION_REFUSED");
        // Over the body limit: 413 from the HTTP layer, and the CCF keeps serving. Over HTTP/2, where the answer
        // cannot race the server closing an HTTP/1.1 connection whose body it refuses to read (RFC 9110 15.5.14).
        var huge = lab.anonymous(HttpClient.Version.HTTP_2).sendRaw("POST", onboard,
                new byte[64 * 1024 + 1] /* SbiServer's default limit */);
        assertThat(huge.status()).isEqualTo(413);
        var unknown = anon.sendRaw("GET", Api.INVOKER_MANAGEMENT.root + "/nothing", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.cause()).isEqualTo("RESOURCE_URI_STRUCTURE_NOT_FOUND");
        assertThat(anon.sendRaw("GET", "/no-such-api/v1/x", null).cause()).isEqualTo("RESOURCE_URI_STRUCTURE_NOT_FOUND");
    }

    @Test
    void stateSurvivesARestart() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()), new ServiceSecurity(
                List.of(pref(lab.aefId, apiId, SecurityMethod.PKI)), sink.uri(), null, null));
        var aef = lab.aef;
        lab.close();
        store.close();

        store = MvCapifStore.open(dir.resolve("ccf.mv"));
        lab = new CcfLab(store, CcfLab.newCa(dir.resolve("ca")), Capif1eSecrets.NONE);
        // Same CA reloaded: the certificates issued before the restart still work.
        var found = lab.as(inv.tls()).send(Api.DISCOVER, "GET", Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id="
                + inv.id(), null).as(DiscoveredAPIs.class);
        assertThat(found.serviceAPIDescriptions()).extracting(d -> d.apiId()).containsExactly(apiId);
        SecurityInformation s = lab.as(aef).send(Api.SECURITY, "GET", trusted(inv.id()), null)
                .as(ServiceSecurity.class).securityInfo().getFirst();
        // The AEF sees its interface (it may serve several), not its own ID.
        assertThat(s.interfaceDetails().aefInterfaceId().text()).isEqualTo("127.0.0.1:8443/nef-demo");
        assertThat(s.apiId()).isEqualTo(apiId);
        assertThat(s.selSecurityMethod()).isEqualTo(SecurityMethod.PKI);
    }

    @Test
    void offboardingEndsTheInvoker() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        Wire w = lab.as(inv.tls());
        assertThat(w.send(Api.INVOKER_MANAGEMENT, "DELETE", Api.INVOKER_MANAGEMENT.root + "/onboardedInvokers/"
                + inv.id(), null).status()).isEqualTo(204);
        assertThat(w.send(Api.DISCOVER, "GET", Api.DISCOVER.root + "/allServiceAPIs?api-invoker-id=" + inv.id(), null)
                .cause()).isEqualTo("API_INVOKER_NOT_FOUND");
    }

    @Test
    void anInterfaceCanBeNamedByItsDetails() throws Exception {
        CcfLab.Invoker inv = lab.onboard(sink.uri());
        var byInterface = new SecurityInformation(InterfaceDescription.ipv4("127.0.0.1", 8443, "/nef-demo", null),
                null, null, List.of(SecurityMethod.PKI), null, null, null);
        var a = lab.as(inv.tls()).send(Api.SECURITY, "PUT", trusted(inv.id()),
                new ServiceSecurity(List.of(byInterface), sink.uri(), null, null));
        assertThat(a.status()).isEqualTo(201);
        SecurityInformation s = a.as(ServiceSecurity.class).securityInfo().getFirst();
        assertThat(s.apiId()).isEqualTo(apiId);
        assertThat(s.interfaceDetails().aefInterfaceId().text()).isEqualTo("127.0.0.1:8443/nef-demo");
        assertThat(s.aefId()).isNull();
    }
}
