package org.keygate.capif.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keygate.capif.CapifOpenApi;
import org.keygate.capif.CapifOpenApi.Api;
import org.keygate.capif.NotificationSink;
import org.keygate.capif.client.CapifCallException;
import org.keygate.capif.invoker.ApiInvoker;
import org.keygate.capif.model.AccessTokenRsp;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.sbi.http.ProblemDetails;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;

/** CAPIF-2e method 3 (TS 33.122 6.5.2.3): a CCF access token, verified by the AEF, and its refusals. */
class CapifOAuthTest {
    static CapifLab lab;
    static NotificationSink sink;
    static AefInterfaceId iface;

    @BeforeAll
    static void start() throws Exception {
        sink = new NotificationSink();
        lab = new CapifLab();
        iface = lab.aef.interfaceDescription().aefInterfaceId();
    }

    @AfterAll
    static void stop() {
        try {
            assertThat(lab.conformance.checked()).isPositive();
            assertThat(lab.conformance.violations()).isEmpty();
        } finally {
            lab.close();
            sink.close();
        }
    }

    static ApiInvoker withMethod(SecurityMethod m) throws Exception {
        ApiInvoker inv = ApiInvoker.onboard(lab.endpoint, sink.uri(), "oauth");
        inv.requestSecurity(List.of(new SecurityInformation(lab.aef.interfaceDescription(), null, null, List.of(m),
                null, null, null)));
        return inv;
    }

    static String cause(SbiResponse r) {
        return SbiJson.read(r.body(), ProblemDetails.class).cause();
    }

    @Test
    void aTokenFromTheCcfOpensTheApiUntilRevocation() throws Exception {
        try (ApiInvoker inv = withMethod(SecurityMethod.OAUTH)) {
            AccessTokenRsp token = inv.requestToken(lab.aef.aefId(), "nef-demo");
            assertThat(token.tokenType()).isEqualTo("Bearer");
            assertThat(token.expiresIn()).isEqualTo(600);
            assertThat(token.toString()).doesNotContain(token.accessToken());
            CapifOpenApi.assertValidResponse(Api.SECURITY, "POST", Api.SECURITY.root + "/securities/" + inv.id()
                    + "/token", 200, "application/json", SbiJson.write(token), Map.of());

            SbiResponse ok = inv.callWithToken(iface, "localhost", "/hello", token.accessToken());
            assertThat(ok.status()).isEqualTo(200);
            assertThat(SbiJson.read(ok.body(), Map.class).get("securityMethod")).isEqualTo("OAUTH");

            String tampered = token.accessToken().substring(0, token.accessToken().length() - 2)
                    + (token.accessToken().endsWith("AA") ? "BB" : "AA");
            SbiResponse bad = inv.callWithToken(iface, "localhost", "/hello", tampered);
            assertThat(bad.status()).isEqualTo(401);
            assertThat(cause(bad)).isEqualTo("INVALID_TOKEN");

            lab.aef.revoke(inv.id(), SecurityNotification.UNEXPECTED_REASON);
            SbiResponse after = inv.callWithToken(iface, "localhost", "/hello", token.accessToken());
            assertThat(after.status()).isEqualTo(403);
            assertThat(cause(after)).isEqualTo("API_INVOKER_NOT_AUTHORIZED");
        }
    }

    @Test
    void noTokenForAnotherScopeOrWithoutOauthSelected() throws Exception {
        try (ApiInvoker oauth = withMethod(SecurityMethod.OAUTH); ApiInvoker psk = withMethod(SecurityMethod.PSK)) {
            assertThatThrownBy(() -> oauth.requestToken(lab.aef.aefId(), "other-api"))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("400 invalid_scope");
            assertThatThrownBy(() -> psk.requestToken(lab.aef.aefId(), "nef-demo"))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("400 invalid_scope");
            // A token is bound to its AEF: the scope names it.
            assertThatThrownBy(() -> oauth.requestToken("AEF" + "0".repeat(32), "nef-demo"))
                    .isInstanceOf(CapifCallException.class).hasMessageContaining("invalid_scope");
        }
    }

    @Test
    void noCredentialsAtAllIsRefused() throws Exception {
        try (ApiInvoker inv = withMethod(SecurityMethod.OAUTH)) {
            SbiResponse r = inv.callWithToken(iface, "localhost", "/hello", "not.a.jws");
            assertThat(r.status()).isEqualTo(401);
            assertThat(cause(r)).isEqualTo("INVALID_TOKEN");
        }
    }
}
