package org.keygate.capif.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * TS 29.222 8.3.4.2.2 EventSubscription. The nth {@code eventFilters} entry filters the nth event (an empty filter
 * for none). {@code eventReq} and {@code websockNotifConfig} are kept as JSON: keygate refuses the first and does not
 * offer the second.
 */
public record EventSubscription(List<String> events, List<CAPIFEventFilter> eventFilters, JsonNode eventReq,
        String notificationDestination, Boolean requestTestNotification, JsonNode websockNotifConfig,
        String supportedFeatures) {
    public EventSubscription {
        events = events == null ? null : List.copyOf(events);
        eventFilters = eventFilters == null ? null : List.copyOf(eventFilters);
    }

    public EventSubscription withSupportedFeatures(String features) {
        return new EventSubscription(events, eventFilters, eventReq, notificationDestination, requestTestNotification,
                null, features);
    }
}
