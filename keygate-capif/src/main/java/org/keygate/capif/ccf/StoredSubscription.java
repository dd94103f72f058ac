package org.keygate.capif.ccf;

import org.keygate.capif.model.EventSubscription;

/** A CAPIF event subscription as the CCF stores it; {@code invoker}: whether the subscriber is an API invoker. */
public record StoredSubscription(String subscriptionId, String subscriberId, boolean invoker,
        EventSubscription subscription) {}
