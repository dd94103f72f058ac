package org.keygate.capif.ccf;

import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.TestNotification;

/**
 * Sends the CCF's notifications: security notifications to the invoker (TS 29.222 8.5.3.2) and test notifications
 * (TS 29.222 7.6, TS 29.122 5.2.5.3). Never blocks; delivery (and its retries) happens in the background.
 */
public interface CcfNotifier {
    void securityNotification(String notificationDestination, SecurityNotification notification);

    void testNotification(String notificationDestination, TestNotification notification);

    /**
     * A CAPIF event to a subscriber (TS 29.222 5.4.2.4 Notify_Event): over its WebSocket when the subscription
     * asked for one (TS 29.222 7.6), else to its notificationDestination.
     */
    void eventNotification(StoredSubscription subscription, EventNotification notification);

    /** A subscription's test notification, on the channel its events take. */
    void testNotification(StoredSubscription subscription, TestNotification notification);

    /** The subscription is gone: its WebSocket, if any, closes and what waited for it is dropped. */
    void forget(String subscriptionId);
}
