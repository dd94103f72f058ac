package org.keygate.capif.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * TS 29.222 8.3.4.2.2 EventSubscription. The nth {@code eventFilters} entry filters the nth event (an empty filter
 * for none). {@code eventReq} is kept as JSON: keygate refuses it. {@code websockNotifConfig} asks for WebSocket
 * delivery (feature 2 Notification_websocket); the CCF's answer fills in its {@code websocketUri}.
 */
public record EventSubscription(List<String> events, List<CAPIFEventFilter> eventFilters, JsonNode eventReq,
        String notificationDestination, Boolean requestTestNotification, WebsockNotifConfig websockNotifConfig,
        String supportedFeatures) {
    public EventSubscription {
        events = events == null ? null : List.copyOf(events);
        eventFilters = eventFilters == null ? null : List.copyOf(eventFilters);
    }

    public EventSubscription withSupportedFeatures(String features) {
        return new EventSubscription(events, eventFilters, eventReq, notificationDestination, requestTestNotification,
                websockNotifConfig, features);
    }

    /** As stored and answered: WebSocket delivery at {@code uri}, or none when {@code uri} is null. */
    public EventSubscription withWebsocketUri(String uri) {
        return new EventSubscription(events, eventFilters, eventReq, notificationDestination, requestTestNotification,
                uri == null ? null : new WebsockNotifConfig(uri, true), supportedFeatures);
    }

    /** Whether the subscriber asked for WebSocket delivery. */
    public boolean websocketRequested() {
        return websockNotifConfig != null && websockNotifConfig.requested();
    }
}
