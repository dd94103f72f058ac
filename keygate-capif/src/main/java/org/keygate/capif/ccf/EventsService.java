package org.keygate.capif.ccf;

import org.keygate.capif.model.EventSubscription;
import org.keygate.capif.model.SupportedFeatures;
import org.keygate.capif.model.TestNotification;
import org.keygate.sbi.http.SbiResponse;

/**
 * CAPIF_Events_API (TS 29.222 8.3): {@code POST /{subscriberId}/subscriptions}, {@code PUT} and {@code DELETE}
 * {@code /{subscriberId}/subscriptions/{subscriptionId}}, by the subscriber itself (its CCF-issued certificate
 * names it: an onboarded invoker or a registered provider function, 5.4.2.2.2 step 1). Events are raised by
 * {@link CapifEvents}. {@code eventReq} (periodic or bounded reporting) is refused: keygate reports each event on
 * detection, without end. PATCH is not offered (405).
 *
 * <p>{@code websockNotifConfig.requestWebsocketUri} (TS 29.222 7.6, feature 2 Notification_websocket, which must be
 * negotiated) gets a {@code websocketUri} on the CCF's own listener ({@link NotificationSocketUpgrade}); the
 * subscription's notifications then go over that socket, waiting for it while none is attached
 * ({@link org.keygate.capif.notify.NotificationSockets}).
 */
final class EventsService implements CcfResource {
    static final String ROOT = "/capif-events/v1";
    /** TS 29.222 8.3.6: features 1 Notification_test_event, 2 Notification_websocket, 3 Enhanced_event_report. */
    static final String FEATURES = "7";
    /** TS 29.222 8.3.6 feature 2 Notification_websocket. */
    static final String NOTIFICATION_WEBSOCKET = "2";
    /** Per subscriber: a handful is normal; the bound keeps one party from filling the store. */
    static final int MAX_SUBSCRIPTIONS_PER_SUBSCRIBER = 32;
    /** Events in one subscription: TS 29.222 defines 13. */
    static final int MAX_EVENTS = 32;
    private final CcfState state;
    private final CcfContext context;
    private final CcfNotifier notifier;

    EventsService(CcfState state, CcfContext context, CcfNotifier notifier) {
        this.state = state;
        this.context = context;
        this.notifier = notifier;
    }

    @Override
    public String apiRoot() {
        return ROOT;
    }

    @Override
    public SbiResponse handle(CcfCall call) {
        if (call.segments().size() < 2 || call.segments().size() > 3 || !call.segment(1).equals("subscriptions")) {
            return Responses.unknownPath();
        }
        String subscriberId = call.segment(0);
        call.caller().requireSelf(subscriberId);
        boolean invoker = state.invokers.get(subscriberId).isPresent();
        if (!invoker && state.providerFunctions.get(subscriberId).isEmpty()) {
            throw CapifCause.ROLE_NOT_ALLOWED.exception("subscribers are onboarded invokers and provider functions");
        }
        if (call.segments().size() == 2) {
            return call.method().equals("POST") ? subscribe(call, subscriberId, invoker) : Responses.notAllowed();
        }
        String id = call.segment(2);
        StoredSubscription s = state.subscriptions.get(id).filter(x -> x.subscriberId().equals(subscriberId))
                .orElseThrow(() -> CapifCause.RESOURCE_NOT_FOUND.exception("no such subscription of this subscriber"));
        return switch (call.method()) {
            case "DELETE" -> {
                state.subscriptions.remove(s.subscriptionId());
                notifier.forget(s.subscriptionId());
                yield SbiResponse.noContent();
            }
            case "PUT" -> {
                EventSubscription req = validated(call);
                EventSubscription stored = websocket(req.withSupportedFeatures(negotiate(req.supportedFeatures())),
                        subscriberId, id);
                StoredSubscription now = new StoredSubscription(id, subscriberId, invoker, stored);
                state.subscriptions.put(id, now);
                if (!now.websocket()) {
                    notifier.forget(id);
                }
                testNotification(now, context.uri(ROOT + "/" + subscriberId + "/subscriptions/" + id));
                yield Responses.ok(stored);
            }
            default -> Responses.notAllowed();
        };
    }

    private SbiResponse subscribe(CcfCall call, String subscriberId, boolean invoker) {
        EventSubscription req = validated(call);
        if (state.subscriptions.values().stream().filter(s -> s.subscriberId().equals(subscriberId)).count()
                >= MAX_SUBSCRIPTIONS_PER_SUBSCRIBER) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("this subscriber already has "
                    + MAX_SUBSCRIPTIONS_PER_SUBSCRIBER + " subscriptions");
        }
        String id = Ids.next("SUB");
        // TS 29.222 8.3.4.2.2: supportedFeatures shall be in the POST request and the created resource.
        EventSubscription stored = websocket(req.withSupportedFeatures(negotiate(req.supportedFeatures() == null
                ? "0" : req.supportedFeatures())), subscriberId, id);
        StoredSubscription created = new StoredSubscription(id, subscriberId, invoker, stored);
        state.subscriptions.put(id, created);
        String resource = context.uri(ROOT + "/" + subscriberId + "/subscriptions/" + id);
        testNotification(created, resource);
        return Responses.created(resource, stored);
    }

    private EventSubscription validated(CcfCall call) {
        EventSubscription req = call.body(EventSubscription.class);
        if (req.events() == null || req.events().isEmpty() || req.notificationDestination() == null) {
            throw CapifCause.MANDATORY_IE_MISSING.exception("events and notificationDestination are required");
        }
        if (req.events().size() > MAX_EVENTS || req.events().stream().anyMatch(e -> e == null || e.isBlank())) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("events: 1 to " + MAX_EVENTS + " CAPIFEvent values");
        }
        if (req.eventFilters() != null && req.eventFilters().size() != req.events().size()) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("eventFilters: the nth filter is for the nth event"
                    + " (TS 29.222 8.3.4.2.2), so as many filters as events");
        }
        if (req.eventReq() != null && !req.eventReq().isNull()) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("eventReq is not supported: events are reported on"
                    + " detection, each one");
        }
        context.checkNotificationUri(req.notificationDestination());
        return req;
    }

    /**
     * The websocketUri when WebSocket delivery was asked for (TS 29.122 5.2.5.4: the SCEF answers with it), else no
     * websockNotifConfig. A websocketUri the subscriber sent is replaced: the CCF decides where it listens.
     */
    private EventSubscription websocket(EventSubscription negotiated, String subscriberId, String id) {
        if (!negotiated.websocketRequested()) {
            return negotiated.withWebsocketUri(null);
        }
        if (!NOTIFICATION_WEBSOCKET.equals(SupportedFeatures.negotiate(negotiated.supportedFeatures(),
                NOTIFICATION_WEBSOCKET))) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception("websockNotifConfig.requestWebsocketUri needs feature 2"
                    + " Notification_websocket in supportedFeatures (TS 29.222 8.3.6), e.g. \"2\"");
        }
        return negotiated.withWebsocketUri(NotificationSocketUpgrade.websocketUri(context, subscriberId, id));
    }

    private void testNotification(StoredSubscription s, String resource) {
        if (Boolean.TRUE.equals(s.subscription().requestTestNotification())) {
            notifier.testNotification(s, new TestNotification(resource));
        }
    }

    private static String negotiate(String requested) {
        try {
            return SupportedFeatures.negotiate(requested, FEATURES);
        } catch (IllegalArgumentException e) {
            throw CapifCause.MANDATORY_IE_INCORRECT.exception(e.getMessage());
        }
    }
}
