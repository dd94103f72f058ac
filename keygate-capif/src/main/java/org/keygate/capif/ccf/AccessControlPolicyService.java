package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.AccessControlPolicyList;
import org.keygate.capif.model.ApiInvokerPolicy;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Access_Control_Policy_API (TS 29.222 8.7): {@code GET /accessControlPolicyList/{serviceApiId}?aef-id=...}
 * by that AEF: the invokers that hold an authorization for the API at the AEF (optionally only
 * {@code api-invoker-id}). keygate sets no invocation limits, so policies carry the invoker ID only.
 */
final class AccessControlPolicyService implements CcfResource {
    static final String ROOT = "/access-control-policy/v1";
    private final CcfState state;

    AccessControlPolicyService(CcfState state) {
        this.state = state;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() != 2 || !call.segment(0).equals("accessControlPolicyList")) {
            return Responses.unknownPath();
        }
        if (!call.method().equals("GET")) {
            return Responses.notAllowed();
        }
        String apiId = call.segment(1);
        String aefId = call.param("aef-id").orElseThrow(() ->
                CapifCause.INVALID_QUERY_PARAM.exception("aef-id is required"));
        call.caller().requireSelf(aefId);
        ProviderManagement.requireRole(state, aefId, ApiProviderFuncRole.AEF);
        if (state.services.get(apiId).isEmpty()) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("no such service API");
        }
        var only = call.param("api-invoker-id");
        List<ApiInvokerPolicy> policies = state.securityContexts.values().stream()
                .filter(c -> only.map(c.apiInvokerId()::equals).orElse(true))
                .filter(c -> c.entries().stream().anyMatch(s -> apiId.equals(s.apiId()) && aefId.equals(s.aefId())))
                .map(c -> new ApiInvokerPolicy(c.apiInvokerId(), null, null)).toList();
        return Responses.ok(new AccessControlPolicyList(policies));
    }
}
