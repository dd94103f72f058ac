package org.keygate.capif.ccf;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.keygate.capif.model.ApiProviderFuncRole;
import org.keygate.capif.model.SecurityInformation;
import org.keygate.capif.model.SecurityMethod;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.ServiceSecurity;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.capif.model.TestNotification;
import org.keygate.crypto.capif.AefInterfaceId;
import org.keygate.crypto.secret.InsecureSecretAccess;
import org.keygate.crypto.secret.SecretBytes;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Security_API (TS 29.222 8.5), the {@code trustedInvokers} resources:
 *
 * <ul>
 * <li>PUT (invoker): security method selection per interface ({@link SecurityMethodSelection}); when PSK is chosen
 *     the CAPIF-1e session this request came on becomes the one AEFPSK is bound to (rotating any earlier one).
 * <li>POST .../update (invoker): the same on an existing context.
 * <li>GET (AEF, CAPIF-3): the entries for the calling AEF; with {@code authenticationInfo=true}, PSK entries carry
 *     AEFPSK (base64, derived now if not yet, TS 33.122 5.2.2.1 step 4) and PKI entries the invoker's
 *     certificate (PEM); with {@code authorizationInfo=true}, the API ID the entry authorizes.
 * <li>POST .../delete (AEF): revokes the invoker's authorization for the listed APIs at that AEF and notifies the
 *     invoker (TS 29.222 5.6.2.4, 8.5.3.2).
 * <li>DELETE (the invoker, or an AEF serving any of its APIs): removes the whole context; by an AEF it is
 *     Revoke_Authorization for all service APIs (TS 29.222 5.6.2.5.2) and the invoker is notified.
 * <li>POST securities/{securityId}/token: OAuth access tokens ({@link TokenEndpoint}).
 * </ul>
 */
final class SecurityService implements CcfResource {
    static final String ROOT = "/capif-security/v1";
    /** Entries per request: one per AEF interface the invoker means to call; more is refused. */
    static final int MAX_SECURITY_INFO = 64;
    /** TS 29.222 8.5.6: feature 1, Notification_test_event; not 2 (Notification_websocket). */
    static final String FEATURES = "1";

    private final CcfState state;
    private final CcfContext context;
    /** Read once per request: a reload's new policy applies to the next one (docs/CAPIF.md "Reload"). */
    private final java.util.function.Supplier<List<SecurityMethod>> policy;
    private final Capif1eSecrets secrets;
    private final CcfNotifier notifier;
    private final TokenEndpoint tokens;
    private final CapifEvents events;

    SecurityService(CcfState state, CcfContext context, java.util.function.Supplier<List<SecurityMethod>> policy,
            Capif1eSecrets secrets,
            CcfNotifier notifier, TokenEndpoint tokens, CapifEvents events) {
        this.tokens = tokens;
        this.events = events;
        this.state = state;
        this.context = context;
        this.policy = policy;
        this.secrets = secrets;
        this.notifier = notifier;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() == 3 && call.segment(0).equals("securities") && call.segment(2).equals("token")) {
            return call.method().equals("POST") ? tokens.handle(call, call.segment(1)) : Responses.notAllowed();
        }
        if (call.segments().size() < 2 || !call.segment(0).equals("trustedInvokers") || call.segments().size() > 3) {
            return Responses.unknownPath();
        }
        String invokerId = call.segment(1);
        if (call.segments().size() == 3) {
            if (!call.method().equals("POST")) {
                return Responses.notAllowed();
            }
            return switch (call.segment(2)) {
                case "update" -> select(call, invokerId, false);
                case "delete" -> revoke(call, invokerId);
                default -> Responses.unknownPath();
            };
        }
        return switch (call.method()) {
            case "PUT" -> select(call, invokerId, true);
            case "GET" -> forAef(call, invokerId);
            case "DELETE" -> delete(call, invokerId);
            default -> Responses.notAllowed();
        };
    }

    private SbiResponse select(CcfCall call, String invokerId, boolean create) {
        call.caller().requireSelf(invokerId);
        StoredInvoker invoker = state.invokers.get(invokerId).orElseThrow(() ->
                CapifCause.API_INVOKER_NOT_FOUND.exception("the invoker is not onboarded"));
        Optional<StoredSecurityContext> existing = state.securityContexts.get(invokerId);
        if (!create && existing.isEmpty()) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("no security context to update");
        }
        ServiceSecurity req = call.body(ServiceSecurity.class);
        if (req.securityInfo() == null || req.securityInfo().isEmpty()) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("securityInfo is required");
        }
        if (req.securityInfo().size() > MAX_SECURITY_INFO) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("more than " + MAX_SECURITY_INFO + " securityInfo entries");
        }
        if (req.notificationDestination() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("notificationDestination is required");
        }
        context.checkNotificationUri(req.notificationDestination());
        Capif1eSession session = secrets.of(call.caller().connection()).orElse(null);
        boolean pskPossible = session != null;
        boolean consumed = false;
        List<SecurityMethod> allowed = policy.get(); // one policy for the whole request, across a reload
        try {
            List<StoredSecurityEntry> entries = new ArrayList<>();
            Set<AefInterfaceId> pskInterfaces = new HashSet<>();
            for (SecurityInformation s : req.securityInfo()) {
                if (s.prefSecurityMethods() == null || s.prefSecurityMethods().isEmpty()) {
                    throw CapifCause.MANDATORY_IE_MISSING.exception("securityInfo[].prefSecurityMethods is required");
                }
                ResolvedInterface r = PublishedInterfaces.resolve(state, s);
                // TS 33.122 6.1: only the APIs on the invoker's list (its onboarding credential) are authorized.
                String apiName = state.services.get(r.apiId()).map(x -> x.description().apiName()).orElse("");
                if (!invoker.mayUse(apiName)) {
                    throw CapifCause.API_INVOKER_NOT_AUTHORIZED.exception("the invoker's onboarding credential does"
                            + " not allow the API " + apiName);
                }
                SecurityMethod m = SecurityMethodSelection.select(s.prefSecurityMethods(), r.securityMethods(), allowed,
                        pskPossible).orElseThrow(() -> CapifCause.NO_COMMON_SECURITY_METHOD.exception(
                                "no method of the preference is supported by the interface and allowed here"
                                        + (pskPossible ? "" : " (PSK needs CAPIF-1e over TLS 1.2)")));
                if (m.equals(SecurityMethod.PSK)) {
                    pskInterfaces.add(r.interfaceDetails().aefInterfaceId());
                }
                entries.add(new StoredSecurityEntry(r.apiId(), r.aefId(), r.interfaceDetails(), s.prefSecurityMethods(),
                        m, s.interfaceDetails() != null));
            }
            int generation = existing.map(StoredSecurityContext::pskGeneration).orElse(0);
            if (!pskInterfaces.isEmpty()) {
                // TS 33.122 5.2.2.1 step 2: AEFPSK comes from this CAPIF-1e session; any earlier one is rotated out.
                context.pskKeys().rotate(invokerId, session, pskInterfaces);
                consumed = true;
                generation++;
            } else {
                context.pskKeys().forget(invokerId);
            }
            String features = negotiate(req.supportedFeatures());
            state.securityContexts.put(invokerId, new StoredSecurityContext(invokerId, entries,
                    req.notificationDestination(), features, generation));
            ServiceSecurity answer = new ServiceSecurity(entries.stream().map(StoredSecurityEntry::forInvoker).toList(),
                    req.notificationDestination(), null, features);
            String resource = context.uri(ROOT + "/trustedInvokers/" + invokerId);
            if (Boolean.TRUE.equals(req.requestTestNotification())) {
                // TS 29.222 7.6, TS 29.122 5.2.5.3: a test notification naming the resource, to the destination.
                notifier.testNotification(req.notificationDestination(), new TestNotification(resource));
            }
            return create ? Responses.created(resource, answer) : Responses.ok(answer);
        } finally {
            if (session != null && !consumed) {
                session.masterSecret().destroy();
            }
        }
    }

    private static String negotiate(String requested) {
        try {
            return SupportedFeatures.negotiate(requested, FEATURES);
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
    }

    private SbiResponse forAef(CcfCall call, String invokerId) {
        String aefId = call.caller().requireId();
        ProviderManagement.requireRole(state, aefId, ApiProviderFuncRole.AEF);
        boolean authn = call.flag("authenticationInfo");
        boolean authz = call.flag("authorizationInfo");
        StoredSecurityContext ctx = state.securityContexts.get(invokerId).orElseThrow(() ->
                CapifCause.RESOURCE_NOT_FOUND.exception("no security context for this invoker"));
        List<SecurityInformation> mine = new ArrayList<>();
        for (StoredSecurityEntry s : ctx.entries()) {
            if (!aefId.equals(s.aefId())) {
                continue;
            }
            String authentication = null;
            if (authn && SecurityMethod.PSK.equals(s.selSecurityMethod())) {
                SecretBytes k = context.pskKeys().aefPsk(invokerId, s.interfaceDetails().aefInterfaceId())
                        .orElseThrow(() -> CapifCause.AEFPSK_UNAVAILABLE.exception(
                                "the CCF holds no CAPIF-1e session for this invoker: it must request security again"));
                // DESIGN.md: AEFPSK travels in authenticationInfo, base64, over CAPIF-3 (mutual TLS).
                authentication = Base64.getEncoder().encodeToString(k.toByteArray(InsecureSecretAccess.get()));
            } else if (authn && SecurityMethod.PKI.equals(s.selSecurityMethod())) {
                authentication = state.invokers.get(invokerId)
                        .map(i -> i.details().onboardingInformation().apiInvokerCertificate()).orElse(null);
            }
            mine.add(s.forAef(authentication, authz ? s.apiId() : null));
        }
        if (mine.isEmpty()) {
            throw CapifCause.API_INVOKER_NOT_AUTHORIZED.exception("the invoker has no authorization at this AEF");
        }
        return Responses.ok(new ServiceSecurity(mine, ctx.notificationDestination(), null, null));
    }

    private SbiResponse revoke(CcfCall call, String invokerId) {
        String aefId = call.caller().requireId();
        ProviderManagement.requireRole(state, aefId, ApiProviderFuncRole.AEF);
        SecurityNotification n = call.body(SecurityNotification.class);
        if (n.apiIds() == null || n.apiIds().isEmpty() || n.apiInvokerId() == null || n.cause() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("apiInvokerId, apiIds and cause are required");
        }
        if (!n.apiInvokerId().equals(invokerId) || (n.aefId() != null && !n.aefId().equals(aefId))) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("apiInvokerId or aefId differs from the request");
        }
        StoredSecurityContext ctx = state.securityContexts.get(invokerId).orElseThrow(() ->
                CapifCause.RESOURCE_NOT_FOUND.exception("no security context for this invoker"));
        List<StoredSecurityEntry> kept = ctx.entries().stream()
                .filter(s -> !(aefId.equals(s.aefId()) && n.apiIds().contains(s.apiId()))).toList();
        if (kept.size() == ctx.entries().size()) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("the invoker has no authorization for these APIs here");
        }
        if (kept.isEmpty()) {
            state.securityContexts.remove(invokerId);
        } else {
            state.securityContexts.put(invokerId, new StoredSecurityContext(invokerId, kept,
                    ctx.notificationDestination(), ctx.supportedFeatures(), ctx.pskGeneration()));
        }
        // The revoked interfaces' keys go too: a revoked invoker's PSK must not open a CAPIF-2e session again.
        if (kept.stream().noneMatch(s -> SecurityMethod.PSK.equals(s.selSecurityMethod()))) {
            context.pskKeys().forget(invokerId);
        }
        notifier.securityNotification(ctx.notificationDestination(),
                new SecurityNotification(invokerId, aefId, n.apiIds(), n.cause()));
        events.authorizationRevoked(invokerId, n.apiIds());
        return SbiResponse.noContent();
    }

    /**
     * DELETE by the invoker (its own context) or by an AEF the context names (TS 29.222 5.6.2.5.2: invalidate the
     * authorization for all service APIs, notify the invoker; the AEF checks OAuth tokens with the CCF, so removing
     * the context also invalidates them).
     */
    private SbiResponse delete(CcfCall call, String invokerId) {
        String caller = call.caller().requireId();
        boolean byInvoker = caller.equals(invokerId);
        if (!byInvoker) {
            ProviderManagement.requireRole(state, caller, ApiProviderFuncRole.AEF);
        }
        StoredSecurityContext ctx = state.securityContexts.get(invokerId).orElseThrow(() ->
                CapifCause.RESOURCE_NOT_FOUND.exception("no security context for this invoker"));
        if (!byInvoker && ctx.entries().stream().noneMatch(s -> caller.equals(s.aefId()))) {
            throw CapifCause.API_INVOKER_NOT_AUTHORIZED.exception("the invoker has no authorization at this AEF");
        }
        if (!state.securityContexts.remove(invokerId)) {
            throw CapifCause.RESOURCE_NOT_FOUND.exception("no security context for this invoker");
        }
        context.pskKeys().forget(invokerId);
        if (!byInvoker) {
            List<String> apiIds = ctx.entries().stream().map(StoredSecurityEntry::apiId).distinct().toList();
            // The DELETE carries no cause; the AEF's reason is its own (TS 29.222 8.5.4.3.3).
            notifier.securityNotification(ctx.notificationDestination(), new SecurityNotification(invokerId, caller,
                    apiIds, SecurityNotification.UNEXPECTED_REASON));
            events.authorizationRevoked(invokerId, apiIds);
        }
        return SbiResponse.noContent();
    }
}
