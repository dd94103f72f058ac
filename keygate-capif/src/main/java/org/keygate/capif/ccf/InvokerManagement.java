package org.keygate.capif.ccf;

import java.security.cert.X509Certificate;
import java.util.List;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrException;
import org.keygate.capif.ca.Pem;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;
import org.keygate.capif.model.APIList;
import org.keygate.capif.model.OnboardingInformation;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_API_Invoker_Management_API (TS 29.222 8.4): onboarding with a CSR (server-authenticated TLS, the invoker
 * has no certificate yet), update and offboarding (mutual TLS, by the invoker itself).
 */
final class InvokerManagement implements CcfResource {
    static final String ROOT = "/api-invoker-management/v1";
    private final CcfState state;
    private final CcfCertificateAuthority ca;
    private final CcfContext context;

    InvokerManagement(CcfState state, CcfCertificateAuthority ca, CcfContext context) {
        this.state = state;
        this.ca = ca;
        this.context = context;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().isEmpty() || !call.segment(0).equals("onboardedInvokers")) {
            return Responses.unknownPath();
        }
        if (call.is("POST", 1)) {
            return onboard(call);
        }
        if (call.segments().size() != 2) {
            return Responses.unknownPath();
        }
        String id = call.segment(1);
        return switch (call.method()) {
            case "PUT" -> update(call, id);
            case "DELETE" -> offboard(call, id);
            default -> Responses.notAllowed();
        };
    }

    private SbiResponse onboard(CcfCall call) {
        APIInvokerEnrolmentDetails req = call.body(APIInvokerEnrolmentDetails.class);
        if (req.apiInvokerId() != null) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiInvokerId is assigned by the CCF (TS 29.222 8.4.4.2.2)");
        }
        if (req.onboardingInformation() == null || req.onboardingInformation().apiInvokerPublicKey() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("onboardingInformation.apiInvokerPublicKey is required");
        }
        if (req.notificationDestination() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("notificationDestination is required");
        }
        context.checkNotificationUri(req.notificationDestination());
        String id = Ids.next("INV");
        X509Certificate cert;
        try {
            cert = ca.issueClient(req.onboardingInformation().apiInvokerPublicKey(), id, List.of());
        } catch (CsrException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiInvokerPublicKey: " + e.getMessage());
        }
        APIInvokerEnrolmentDetails out = req.withId(id,
                new OnboardingInformation(req.onboardingInformation().apiInvokerPublicKey(), Pem.of(cert), null),
                apiList());
        state.invokers.put(id, new StoredInvoker(id, out));
        return Responses.created(context.uri(ROOT + "/onboardedInvokers/" + id), out);
    }

    private SbiResponse update(CcfCall call, String id) {
        call.caller().requireSelf(id);
        StoredInvoker stored = state.invokers.get(id).orElseThrow(() ->
                CapifCause.API_INVOKER_NOT_FOUND.exception("no such onboarded invoker"));
        APIInvokerEnrolmentDetails req = call.body(APIInvokerEnrolmentDetails.class);
        if (req.apiInvokerId() != null && !req.apiInvokerId().equals(id)) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiInvokerId differs from the resource");
        }
        if (req.notificationDestination() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("notificationDestination is required");
        }
        context.checkNotificationUri(req.notificationDestination());
        APIInvokerEnrolmentDetails old = stored.details();
        APIInvokerEnrolmentDetails out = new APIInvokerEnrolmentDetails(id, old.onboardingInformation(),
                req.notificationDestination(), req.requestTestNotification(), apiList(), req.apiInvokerInformation(),
                req.supportedFeatures());
        state.invokers.put(id, new StoredInvoker(id, out));
        return Responses.ok(out);
    }

    private SbiResponse offboard(CcfCall call, String id) {
        call.caller().requireSelf(id);
        if (!state.invokers.remove(id)) {
            throw CapifCause.API_INVOKER_NOT_FOUND.exception("no such onboarded invoker");
        }
        // TS 29.222 5.4.2.3: offboarding ends the invoker's authorizations and keys.
        state.securityContexts.remove(id);
        context.pskKeys().forget(id);
        return SbiResponse.noContent();
    }

    private APIList apiList() {
        List<ServiceAPIDescription> all = state.services.values().stream().map(StoredService::description).toList();
        return all.isEmpty() ? null : new APIList(all);
    }
}
