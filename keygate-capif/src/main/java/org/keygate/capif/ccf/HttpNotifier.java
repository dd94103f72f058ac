package org.keygate.capif.ccf;

import java.net.URI;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.TestNotification;
import org.keygate.capif.notify.NotificationDelivery;
import org.keygate.capif.notify.NotificationSockets;
import org.keygate.sbi.json.SbiJson;

/**
 * The CCF's notifications as JSON bodies over {@link NotificationDelivery} (HTTP/1.1 or h2, retried), or, for an
 * event subscription with WebSocket delivery, over {@link NotificationSockets} (which falls back to HTTP when its
 * queue is full).
 */
final class HttpNotifier implements CcfNotifier {
    /** The kinds (body schema names) this notifier sends, the {@code kind} label of the delivery metrics. */
    static final java.util.List<String> KINDS = java.util.List.of("SecurityNotification", "TestNotification",
            "EventNotification");
    private final NotificationDelivery delivery;
    private final NotificationSockets sockets;

    HttpNotifier(NotificationDelivery delivery, NotificationSockets sockets) {
        this.delivery = delivery;
        this.sockets = sockets;
    }

    @Override
    public void securityNotification(String destination, SecurityNotification notification) {
        delivery.deliver("SecurityNotification", URI.create(destination), SbiJson.write(notification));
    }

    @Override
    public void eventNotification(StoredSubscription s, EventNotification notification) {
        toSubscriber(s, "EventNotification", SbiJson.write(notification));
    }

    @Override
    public void testNotification(StoredSubscription s, TestNotification notification) {
        toSubscriber(s, "TestNotification", SbiJson.write(notification));
    }

    @Override
    public void forget(String subscriptionId) {
        sockets.forget(subscriptionId);
    }

    private void toSubscriber(StoredSubscription s, String kind, byte[] json) {
        URI destination = URI.create(s.subscription().notificationDestination());
        if (s.websocket()) {
            sockets.deliver(kind, s.subscriptionId(), json, () -> delivery.deliver(kind, destination, json));
        } else {
            delivery.deliver(kind, destination, json);
        }
    }

    @Override
    public void testNotification(String destination, TestNotification notification) {
        delivery.deliver("TestNotification", URI.create(destination), SbiJson.write(notification));
    }
}
