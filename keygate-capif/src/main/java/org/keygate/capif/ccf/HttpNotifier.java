package org.keygate.capif.ccf;

import java.net.URI;
import org.keygate.capif.model.EventNotification;
import org.keygate.capif.model.SecurityNotification;
import org.keygate.capif.model.TestNotification;
import org.keygate.capif.notify.NotificationDelivery;
import org.keygate.sbi.json.SbiJson;

/** The CCF's notifications as JSON bodies over {@link NotificationDelivery} (HTTP/1.1 or h2, retried). */
final class HttpNotifier implements CcfNotifier {
    /** The kinds (body schema names) this notifier sends, the {@code kind} label of the delivery metrics. */
    static final java.util.List<String> KINDS = java.util.List.of("SecurityNotification", "TestNotification",
            "EventNotification");
    private final NotificationDelivery delivery;

    HttpNotifier(NotificationDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void securityNotification(String destination, SecurityNotification notification) {
        delivery.deliver("SecurityNotification", URI.create(destination), SbiJson.write(notification));
    }

    @Override
    public void eventNotification(String destination, EventNotification notification) {
        delivery.deliver("EventNotification", URI.create(destination), SbiJson.write(notification));
    }

    @Override
    public void testNotification(String destination, TestNotification notification) {
        delivery.deliver("TestNotification", URI.create(destination), SbiJson.write(notification));
    }
}
