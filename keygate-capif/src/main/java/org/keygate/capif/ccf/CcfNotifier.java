package org.keygate.capif.ccf;

import org.keygate.capif.model.SecurityNotification;

/** Sends the CCF's notifications (TS 29.222 8.5.3.2: security notification to the invoker). Never blocks. */
public interface CcfNotifier {
    void securityNotification(String notificationDestination, SecurityNotification notification);
}
