package org.keygate.capif.ccf;

import org.keygate.capif.model.EventSubscription;

/** A CAPIF event subscription as the CCF stores it; {@code invoker}: whether the subscriber is an API invoker. */
public record StoredSubscription(String subscriptionId, String subscriberId, boolean invoker,
        EventSubscription subscription) {
    /** Whether its notifications go over a WebSocket (the CCF gave it a websocketUri). */
    public boolean websocket() {
        return subscription.websockNotifConfig() != null && subscription.websockNotifConfig().websocketUri() != null;
    }
}
