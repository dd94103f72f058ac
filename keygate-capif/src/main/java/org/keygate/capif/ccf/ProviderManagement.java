package org.keygate.capif.ccf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrException;
import org.keygate.capif.ca.Pem;
import org.keygate.capif.model.APIProviderEnrolmentDetails;
import org.keygate.capif.model.APIProviderFunctionDetails;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.RegistrationInformation;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_API_Provider_Management_API (TS 29.222 8.9): an API management function registers its provider domain
 * with the CCF's registration secret ({@code regSec}); each AEF, APF and AMF gets a CCF-issued certificate from its
 * CSR. Deregistration by the domain's own AMF.
 */
final class ProviderManagement implements CcfResource {
    static final String ROOT = "/api-provider-management/v1";
    private static final List<ApiProviderFuncRole> ROLES =
            List.of(ApiProviderFuncRole.AEF, ApiProviderFuncRole.APF, ApiProviderFuncRole.AMF);
    /** A provider domain registers a handful of functions; more is refused. */
    static final int MAX_FUNCTIONS = 64;

    private final CcfState state;
    private final CcfCertificateAuthority ca;
    private final CcfContext context;
    /** Read per registration: a reload's new regSec applies to the next one (docs/CAPIF.md "Reload"). */
    private final java.util.function.Supplier<String> registrationSecret;

    ProviderManagement(CcfState state, CcfCertificateAuthority ca, CcfContext context,
            java.util.function.Supplier<String> registrationSecret) {
        this.state = state;
        this.ca = ca;
        this.context = context;
        this.registrationSecret = registrationSecret;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().isEmpty() || !call.segment(0).equals("registrations")) {
            return Responses.unknownPath();
        }
        if (call.is("POST", 1)) {
            return register(call);
        }
        if (call.is("DELETE", 2)) {
            return deregister(call, call.segment(1));
        }
        return call.segments().size() == 2 ? Responses.notAllowed() : Responses.unknownPath();
    }

    private SbiResponse register(CcfCall call) {
        APIProviderEnrolmentDetails req = call.body(APIProviderEnrolmentDetails.class);
        if (req.apiProvDomId() != null) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiProvDomId is assigned by the CCF (TS 29.222 8.9.4.2.2)");
        }
        if (req.regSec() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("regSec is required");
        }
        if (!MessageDigest.isEqual(req.regSec().getBytes(StandardCharsets.UTF_8),
                registrationSecret.get().getBytes(StandardCharsets.UTF_8))) {
            throw CapifCause.REGISTRATION_REFUSED.exception("regSec is not valid for this CCF");
        }
        if (req.apiProvFuncs() == null || req.apiProvFuncs().isEmpty()) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("apiProvFuncs is required");
        }
        if (req.apiProvFuncs().size() > MAX_FUNCTIONS) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("more than " + MAX_FUNCTIONS + " functions");
        }
        String domId = Ids.next("DOM");
        List<APIProviderFunctionDetails> issued = new ArrayList<>();
        List<StoredProviderFunction> functions = new ArrayList<>();
        for (APIProviderFunctionDetails f : req.apiProvFuncs()) {
            if (f.apiProvFuncRole() == null || !ROLES.contains(f.apiProvFuncRole())) {
                throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiProvFuncRole must be AEF, APF or AMF");
            }
            if (f.regInfo() == null || f.regInfo().apiProvPubKey() == null) {
                throw CapifCause.MANDATORY_IE_MISSING.exception("regInfo.apiProvPubKey is required");
            }
            String id = Ids.next(f.apiProvFuncRole().value());
            List<String> serverNames = f.apiProvFuncRole().equals(ApiProviderFuncRole.AEF)
                    && f.apiProvFuncInfo() != null && f.apiProvFuncInfo().matches("[A-Za-z0-9.-]{1,253}")
                    ? List.of(f.apiProvFuncInfo()) : List.of();
            String cert;
            try {
                cert = Pem.of(ca.issueClient(f.regInfo().apiProvPubKey(), id, serverNames));
            } catch (CsrException e) {
                throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiProvPubKey: " + e.getMessage());
            }
            issued.add(new APIProviderFunctionDetails(id, new RegistrationInformation(f.regInfo().apiProvPubKey(), cert),
                    f.apiProvFuncRole(), f.apiProvFuncInfo()));
            functions.add(new StoredProviderFunction(id, f.apiProvFuncRole(), domId));
        }
        // regSec is not kept: the stored and returned enrolment carries a marker instead of the secret.
        APIProviderEnrolmentDetails out = new APIProviderEnrolmentDetails(domId, "accepted", issued,
                req.apiProvDomInfo(), negotiate(req.suppFeat()), null);
        functions.forEach(f -> state.providerFunctions.put(f.apiProvFuncId(), f));
        state.providerDomains.put(domId, out);
        return Responses.created(context.uri(ROOT + "/registrations/" + domId), out);
    }

    private SbiResponse deregister(CcfCall call, String domId) {
        String caller = call.caller().requireId();
        StoredProviderFunction f = state.providerFunctions.get(caller).orElseThrow(() ->
                CapifCause.ROLE_NOT_ALLOWED.exception("only the domain's API management function may deregister"));
        if (!f.role().equals(ApiProviderFuncRole.AMF) || !f.apiProvDomId().equals(domId)) {
            throw CapifCause.ROLE_NOT_ALLOWED.exception("only the domain's API management function may deregister");
        }
        APIProviderEnrolmentDetails dom = state.providerDomains.get(domId).orElseThrow(() ->
                CapifCause.RESOURCE_NOT_FOUND.exception("no such registration"));
        for (APIProviderFunctionDetails fn : dom.apiProvFuncs()) {
            state.providerFunctions.remove(fn.apiProvFuncId());
        }
        state.providerDomains.remove(domId);
        return SbiResponse.noContent();
    }

    /** TS 29.222 8.9.6: keygate does not support PatchUpdate (feature 1), the only feature. */
    private static String negotiate(String requested) {
        try {
            return org.keygate.capif.model.SupportedFeatures.negotiate(requested, "0");
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
    }

    /** The registered function {@code id} with {@code role}, or 403. */
    static StoredProviderFunction requireRole(CcfState state, String id, ApiProviderFuncRole role) {
        return state.providerFunctions.get(id).filter(f -> f.role().equals(role)).orElseThrow(() ->
                CapifCause.ROLE_NOT_ALLOWED.exception("this resource is for a registered " + role.value()));
    }
}
