package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.client.CcfSession;
import org.keygate.capif.http.BcHttpClient;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.CheckAuthenticationReq;
import org.keygate.capif.model.RevokeAuthorizationReq;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.sbi.http.SbiHeaders;
import org.keygate.sbi.http.SbiRequest;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;
import org.keygate.tls.bc.BcTlsClientConfig;
import org.keygate.tls.bc.ExternalPsk;
import org.keygate.tls.bc.TlsVersion;
import org.keygate.tls.jsse.TlsKeyMaterial;

/**
 * The AEF_Security API as the CCF calls it (CAPIF-3, mutual TLS, the CCF's certificate), every message checked
 * against {@code TS29222_AEF_Security_API.yaml}; and the CCF's PSK answer to the AEF against the Security API's.
 */
class AefSecurityApiTest {
    static CapifLab lab;
    static NotificationSink sink;
    static BcHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        sink = new NotificationSink();
        lab = new CapifLab();
        http = new BcHttpClient(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(lab.conformance.checked()).isPositive();
            assertThat(lab.conformance.violations()).isEmpty();
        } finally {
            http.close();
            lab.close();
            sink.close();
        }
    }

    static SbiResponse post(TlsKeyMaterial as, String op, Object body) throws Exception {
        byte[] json = SbiJson.write(body);
        String path = Api.AEF_SECURITY.root + "/" + op;
        CapifOpenApi.assertValidRequest(Api.AEF_SECURITY, "POST", path, "application/json", json);
        var c = http.connect(lab.aef.securityApiAddress(), BcTlsClientConfig.builder()
                .trustAnchors(List.of(lab.ca.certificate())).serverName("localhost").keyMaterial(as).build())
                .get(20, TimeUnit.SECONDS);
        try {
            SbiResponse r = c.send(new SbiRequest("POST", path, SbiHeaders.of("content-type", "application/json"),
                    json)).get(20, TimeUnit.SECONDS);
            CapifOpenApi.assertValidResponse(Api.AEF_SECURITY, "POST", path, r.status(),
                    r.contentType().orElse(null), r.body(), java.util.Map.of());
            return r;
        } finally {
            c.close();
        }
    }

    @Test
    void checkAndRevokeAsTheCcfDo() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "aef-security")) {
            inv.requestSecurity(List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null,
                    List.of(SecurityMethod.PSK), null, null, null)));
            AefInterfaceId iface = lab.aef.interfaceDescription().aefInterfaceId();
            // The CCF's answer to the AEF, with AEFPSK inside, is a valid ServiceSecurity.
            try (CcfSession s = CcfSession.open(lab.endpoint, lab.domain.aef().tls(), false)) {
                String q = Api.SECURITY.root + "/trustedInvokers/" + inv.id() + "?authenticationInfo=true";
                SbiResponse r = s.call("aef", "GET", q, null);
                assertThat(r.status()).isEqualTo(200);
                CapifOpenApi.assertValidResponse(Api.SECURITY, "GET", q, 200, r.contentType().orElse(null),
                        r.body(), java.util.Map.of());
            }
            var unknownYet = post(lab.ccf.identity(), "check-authentication", new CheckAuthenticationReq(inv.id(), "0"));
            assertThat(unknownYet.status()).isEqualTo(403);

            // An open CAPIF-2e connection (keep-alive) with a successful call on it.
            var c = http.connect(lab.aef.capif2eAddress(), BcTlsClientConfig.builder().versions(TlsVersion.TLS_1_2)
                    .psk(new ExternalPsk(inv.id(), inv.aefPsk(iface).orElseThrow())).build()).get(20, TimeUnit.SECONDS);
            assertThat(c.send(new SbiRequest("GET", "/nef-demo/hello", SbiHeaders.empty(), null))
                    .get(20, TimeUnit.SECONDS).status()).isEqualTo(200);

            assertThat(post(lab.ccf.identity(), "check-authentication", new CheckAuthenticationReq(inv.id(), "0"))
                    .status()).isEqualTo(200);
            var revoked = post(lab.ccf.identity(), "revoke-authorization", new RevokeAuthorizationReq(
                    new SecurityNotification(inv.id(), lab.aef.aefId(), List.of(lab.apiId),
                            SecurityNotification.OVERLIMIT_USAGE), "0"));
            assertThat(revoked.status()).isEqualTo(200);
            for (int i = 0; i < 100 && c.isOpen(); i++) {
                Thread.sleep(50); // bounded wait for the close the revocation triggers
            }
            assertThat(c.isOpen()).as("the invoker's CAPIF-2e connection is closed").isFalse();
            assertThat(post(lab.ccf.identity(), "check-authentication", new CheckAuthenticationReq(inv.id(), "0"))
                    .status()).isEqualTo(403);
        }
    }

    /** TS 29.222 6.2.2.2.2: the invoker, with its CCF-issued certificate, initiates authentication with the AEF. */
    @Test
    void anInvokerInitiatesAuthenticationAboutItself() throws Exception {
        try (ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "initiate-authentication");
                ApiInvoker other = ApiInvoker.onboard(lab.endpoint, sink.uri(), "someone else")) {
            SbiResponse before = post(inv.credentials(), "check-authentication",
                    new CheckAuthenticationReq(inv.id(), "0"));
            assertThat(before.status()).as("no security context at the CCF yet").isEqualTo(403);
            assertThat(SbiJson.read(before.body(), org.keygate.sbi.http.ProblemDetails.class).cause())
                    .isEqualTo("API_INVOKER_NOT_AUTHORIZED");

            inv.requestSecurity(List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null,
                    List.of(SecurityMethod.PSK), null, null, null)));
            SbiResponse ok = post(inv.credentials(), "check-authentication", new CheckAuthenticationReq(inv.id(), "0"));
            assertThat(ok.status()).isEqualTo(200);
            // The AEF fetched and kept the authorization: the CCF's question now finds it.
            assertThat(post(lab.ccf.identity(), "check-authentication", new CheckAuthenticationReq(inv.id(), "0"))
                    .status()).isEqualTo(200);

            SbiResponse aboutAnother = post(other.credentials(), "check-authentication",
                    new CheckAuthenticationReq(inv.id(), "0"));
            assertThat(aboutAnother.status()).isEqualTo(403);
            assertThat(SbiJson.read(aboutAnother.body(), org.keygate.sbi.http.ProblemDetails.class).cause())
                    .isEqualTo("ROLE_NOT_ALLOWED");
            SbiResponse revokeByInvoker = post(inv.credentials(), "revoke-authorization", new RevokeAuthorizationReq(
                    new SecurityNotification(inv.id(), lab.aef.aefId(), List.of(lab.apiId),
                            SecurityNotification.OVERLIMIT_USAGE), "0"));
            assertThat(revokeByInvoker.status()).as("revoke-authorization stays the CCF's").isEqualTo(403);
        }
    }

    @Test
    void onlyTheCcfMayCallIt() throws Exception {
        SbiResponse r = post(lab.domain.apf().tls(), "check-authentication", new CheckAuthenticationReq("INVx", "0"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(SbiJson.read(r.body(), org.keygate.sbi.http.ProblemDetails.class).cause())
                .isEqualTo("ROLE_NOT_ALLOWED");
    }
}
