package org.keygate.capif.ccf;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keygate.capif.model.AccessTokenErr;
import org.keygate.capif.model.AccessTokenRsp;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.sbi.http.SbiResponse;
import org.keygate.sbi.json.SbiJson;

/**
 * {@code POST /capif-security/v1/securities/{securityId}/token} (TS 29.222 8.5.2.4, RFC 6749 4.4 client
 * credentials). keygate's securityId is the API invoker ID. The invoker (mutual TLS, its own ID as client_id) asks
 * for scope {@code 3gpp#aefId:apiName}; it gets a token only if its security context selected OAUTH for that API at
 * that AEF. Errors are AccessTokenErr (RFC 6749 5.2) with 400, or 401 invalid_client.
 */
final class TokenEndpoint {
    private final CcfState state;
    private final AccessTokens tokens;

    TokenEndpoint(CcfState state, AccessTokens tokens) {
        this.state = state;
        this.tokens = tokens;
    }

    SbiResponse handle(CcfCall call, String securityId) {
        Optional<String> caller = call.caller().certificateId();
        if (caller.isEmpty() || !caller.get().equals(securityId)) {
            return error(401, "invalid_client", "the client certificate must be the invoker's own");
        }
        if (!call.request().contentType().orElse("").startsWith("application/x-www-form-urlencoded")) {
            throw CapifCause.UNSUPPORTED_MEDIA_TYPE.exception("expected application/x-www-form-urlencoded");
        }
        Map<String, String> form = form(new String(call.request().body(), StandardCharsets.UTF_8));
        if (form == null || form.get("grant_type") == null || form.get("client_id") == null) {
            return error(400, "invalid_request", "grant_type and client_id are required, once each");
        }
        if (!form.get("grant_type").equals("client_credentials")) {
            return error(400, "unsupported_grant_type", "only client_credentials");
        }
        if (!form.get("client_id").equals(securityId)) {
            return error(401, "invalid_client", "client_id is not the certificate's invoker");
        }
        String scope = form.get("scope");
        if (scope == null || !scope.matches("3gpp#[A-Za-z0-9._-]{1,64}:[^,;]{1,256}")) {
            return error(400, "invalid_scope", "expected one 3gpp#aefId:apiName");
        }
        String aefId = scope.substring(5, scope.indexOf(':'));
        String apiName = scope.substring(scope.indexOf(':') + 1);
        boolean granted = state.securityContexts.get(securityId).map(ctx -> ctx.entries().stream().anyMatch(e ->
                SecurityMethod.OAUTH.equals(e.selSecurityMethod()) && aefId.equals(e.aefId())
                        && state.services.get(e.apiId()).map(s -> apiName.equals(s.description().apiName()))
                                .orElse(false))).orElse(false);
        if (!granted) {
            return error(400, "invalid_scope", "OAUTH was not selected for this API at this AEF");
        }
        return SbiResponse.json(200, SbiJson.write(new AccessTokenRsp(tokens.issue(securityId, scope), "Bearer",
                (int) AccessTokens.LIFETIME.toSeconds(), scope)));
    }

    private static SbiResponse error(int status, String error, String description) {
        return SbiResponse.json(status, SbiJson.write(new AccessTokenErr(error, description)));
    }

    /** RFC 6749 appendix B form; null if a name repeats or the form is too large. */
    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (out.size() == CcfCall.MAX_QUERY_PARAMS) {
                return null;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.putIfAbsent(k, v) != null) {
                return null;
            }
        }
        return out;
    }
}
