package org.keygate.capif.ccf;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import org.keygate.capif.ca.CcfCertificateAuthority;
import org.keygate.capif.ca.CsrException;
import org.keygate.capif.ca.Pem;
import org.keygate.capif.model.APIInvokerEnrolmentDetails;
import org.keygate.capif.model.APIList;
import org.keygate.capif.model.OnboardingInformation;
import org.keygate.capif.ca.OnboardingCredential;
import org.keygate.capif.model.CapifEvent;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.capif.model.TestNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_API_Invoker_Management_API (TS 29.222 8.4): onboarding with a CSR (server-authenticated TLS, the invoker
 * has no certificate yet) with the onboarding credential, update and offboarding (mutual TLS, by the invoker
 * itself). Each raises its CAPIF event (TS 29.222 8.3).
 */
final class InvokerManagement implements CcfResource {
    static final String ROOT = "/api-invoker-management/v1";
    /** TS 29.222 8.4.6: feature 1 Notification_test_event; not 2 (Notification_websocket), not 3 (PatchUpdate). */
    static final String FEATURES = "1";
    private static final Logger LOG = LoggerFactory.getLogger(InvokerManagement.class);
    private final CcfState state;
    private final CcfCertificateAuthority ca;
    private final CcfContext context;
    /** Read per onboarding: a reload's change applies to the next one (docs/CAPIF.md "Reload"). */
    private final java.util.function.BooleanSupplier credentialRequired;
    private final CcfNotifier notifier;
    private final CapifEvents events;
    private final Clock clock;

    InvokerManagement(CcfState state, CcfCertificateAuthority ca, CcfContext context,
            java.util.function.BooleanSupplier credentialRequired,
            CcfNotifier notifier, CapifEvents events, Clock clock) {
        this.events = events;
        this.state = state;
        this.ca = ca;
        this.context = context;
        this.credentialRequired = credentialRequired;
        this.notifier = notifier;
        this.clock = clock;
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
        Optional<OnboardingCredential> credential = credential(call);
        String features = negotiate(req.supportedFeatures());
        String id = Ids.next("INV");
        X509Certificate cert;
        try {
            cert = ca.issueClient(req.onboardingInformation().apiInvokerPublicKey(), id, List.of());
        } catch (CsrException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiInvokerPublicKey: " + e.getMessage());
        }
        List<String> apis = credential.map(OnboardingCredential::apis).orElse(null);
        APIInvokerEnrolmentDetails out = new APIInvokerEnrolmentDetails(id,
                new OnboardingInformation(req.onboardingInformation().apiInvokerPublicKey(), Pem.of(cert), null),
                req.notificationDestination(), req.requestTestNotification(), apiList(apis),
                req.apiInvokerInformation(), features);
        StoredInvoker stored = new StoredInvoker(id, out, apis);
        state.invokers.put(id, stored);
        String resource = context.uri(ROOT + "/onboardedInvokers/" + id);
        LOG.info("onboarded {} ({}, APIs {})", id, credential.map(c -> "credential " + c.id() + " for "
                + c.subject()).orElse("no credential"), apis == null ? "all" : apis);
        events.invokerEvent(CapifEvent.API_INVOKER_ONBOARDED, id);
        testNotification(req, resource);
        return Responses.created(resource, out);
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
                req.notificationDestination(), req.requestTestNotification(), apiList(stored.apis()),
                req.apiInvokerInformation(), negotiate(req.supportedFeatures()));
        state.invokers.put(id, new StoredInvoker(id, out, stored.apis()));
        events.invokerEvent(CapifEvent.API_INVOKER_UPDATED, id);
        testNotification(req, context.uri(ROOT + "/onboardedInvokers/" + id));
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
        events.invokerEvent(CapifEvent.API_INVOKER_OFFBOARDED, id);
        events.dropSubscriptionsOf(id); // an offboarded invoker has no resources left at the CCF
        return SbiResponse.noContent();
    }

    /**
     * The onboarding credential in {@code Authorization: Bearer} (TS 29.222 5.5.2.2 NOTE 4): required unless the CCF
     * runs open; when present it is checked either way, so a bad one is never silently ignored.
     */
    private Optional<OnboardingCredential> credential(CcfCall call) {
        Optional<String> header = call.request().headers().first("authorization");
        if (header.isEmpty()) {
            if (credentialRequired.getAsBoolean()) {
                throw CapifCause.ONBOARDING_CREDENTIAL_REQUIRED.exception("onboarding needs an onboarding credential"
                        + " from the API provider domain in Authorization: Bearer (TS 29.222 5.5.2.2)");
            }
            return Optional.empty();
        }
        if (!header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw CapifCause.INVALID_TOKEN.exception("the onboarding credential goes in Authorization: Bearer");
        }
        try {
            return Optional.of(OnboardingCredential.verify(ca, header.get().substring(7).strip(), clock));
        } catch (OnboardingCredential.CredentialException e) {
            LOG.info("onboarding refused on {}: onboarding credential {}", call.caller().connection().id(),
                    e.getMessage());
            throw CapifCause.INVALID_TOKEN.exception("onboarding credential refused: " + e.getMessage());
        }
    }

    /** TS 29.222 7.6: the test notification names the onboarded invoker's resource. */
    private void testNotification(APIInvokerEnrolmentDetails req, String resource) {
        if (Boolean.TRUE.equals(req.requestTestNotification())) {
            notifier.testNotification(req.notificationDestination(), new TestNotification(resource));
        }
    }

    private static String negotiate(String requested) {
        try {
            return SupportedFeatures.negotiate(requested, FEATURES);
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
    }

    /** The published APIs the invoker may use (TS 23.222 8.1: the onboarding answer's API list). */
    private APIList apiList(List<String> apis) {
        StoredInvoker probe = new StoredInvoker("", null, apis);
        List<ServiceAPIDescription> all = state.services.values().stream().map(StoredService::description)
                .filter(d -> probe.mayUse(d.apiName())).toList();
        return all.isEmpty() ? null : new APIList(all);
    }
}
