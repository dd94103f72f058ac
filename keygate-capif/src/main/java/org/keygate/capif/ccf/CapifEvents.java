package org.keygate.capif.ccf;

import java.util.List;
import org.keygate.capif.model.CAPIFEventDetail;
import org.keygate.capif.model.CAPIFEventFilter;
import org.keygate.capif.model.CapifEvent;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.ServiceAPIDescription;
import org.keygate.capif.model.SupportedFeatures;

/**
 * Raises CAPIF events (TS 29.222 5.4.2.4 Notify_Event): each subscription naming the event, whose filter (the nth
 * for the nth event, 8.3.4.2.2) lets it through and whose subscriber may see it, gets an EventNotification. What an
 * API invoker may see: service API events of the APIs its onboarding credential allows, and invoker events about
 * itself; provider functions see all. {@code eventDetail} goes only to subscriptions that negotiated
 * Enhanced_event_report (8.3.6, feature 3), as 5.4.2.4.2 makes it conditional on it.
 */
final class CapifEvents {
    /** TS 29.222 8.3.6 feature 3 Enhanced_event_report. */
    static final String ENHANCED_EVENT_REPORT = "4";
    private final CcfState state;
    private final CcfNotifier notifier;

    CapifEvents(CcfState state, CcfNotifier notifier) {
        this.state = state;
        this.notifier = notifier;
    }

    /** API_INVOKER_ONBOARDED, _OFFBOARDED, _UPDATED about {@code invokerId}. */
    void invokerEvent(String event, String invokerId) {
        raise(event, null, invokerId, null, new CAPIFEventDetail(null, null, List.of(invokerId)));
    }

    /** SERVICE_API_AVAILABLE, _UNAVAILABLE (detail: the apiId) or _UPDATE (detail: the description). */
    void serviceEvent(String event, ServiceAPIDescription api) {
        CAPIFEventDetail detail = event.equals(CapifEvent.SERVICE_API_UPDATE)
                ? new CAPIFEventDetail(List.of(api), null, null)
                : new CAPIFEventDetail(null, List.of(api.apiId()), null);
        raise(event, api, null, aefIds(api), detail);
    }

    /** API_INVOKER_AUTHORIZATION_REVOKED: {@code invokerId} lost its authorization for {@code apiIds}. */
    void authorizationRevoked(String invokerId, List<String> apiIds) {
        raise(CapifEvent.API_INVOKER_AUTHORIZATION_REVOKED, null, invokerId, null,
                new CAPIFEventDetail(null, apiIds.isEmpty() ? null : apiIds, List.of(invokerId)));
    }

    /** A subscriber that left (offboarded, deregistered) keeps no subscriptions. */
    void dropSubscriptionsOf(String subscriberId) {
        state.subscriptions.values().stream().filter(s -> s.subscriberId().equals(subscriberId))
                .forEach(s -> {
                    state.subscriptions.remove(s.subscriptionId());
                    notifier.forget(s.subscriptionId());
                });
    }

    private void raise(String event, ServiceAPIDescription api, String invokerId, List<String> aefIds,
            CAPIFEventDetail detail) {
        for (StoredSubscription s : state.subscriptions.values()) {
            List<String> events = s.subscription().events();
            int i = events.indexOf(event);
            if (i < 0 || !visible(s, api, invokerId)) {
                continue;
            }
            List<CAPIFEventFilter> filters = s.subscription().eventFilters();
            if (filters != null && i < filters.size() && !passes(filters.get(i), api, invokerId, aefIds)) {
                continue;
            }
            boolean enhanced = "4".equals(SupportedFeatures.negotiate(s.subscription().supportedFeatures(),
                    ENHANCED_EVENT_REPORT));
            notifier.eventNotification(s, new EventNotification(s.subscriptionId(), event, enhanced ? detail : null));
        }
    }

    private boolean visible(StoredSubscription s, ServiceAPIDescription api, String invokerId) {
        if (!s.invoker()) {
            return true;
        }
        if (invokerId != null) {
            return invokerId.equals(s.subscriberId());
        }
        return api != null && state.invokers.get(s.subscriberId()).map(inv -> inv.mayUse(api.apiName()))
                .orElse(false);
    }

    private static boolean passes(CAPIFEventFilter f, ServiceAPIDescription api, String invokerId,
            List<String> aefIds) {
        return (f.apiIds() == null || api != null && f.apiIds().contains(api.apiId()))
                && (f.apiInvokerIds() == null || invokerId != null && f.apiInvokerIds().contains(invokerId))
                && (f.aefIds() == null || aefIds != null && f.aefIds().stream().anyMatch(aefIds::contains));
    }

    private static List<String> aefIds(ServiceAPIDescription api) {
        return api.aefProfiles() == null ? List.of()
                : api.aefProfiles().stream().map(org.keygate.capif.model.AefProfile::aefId).toList();
    }
}
