package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.5.4.2.2 ServiceSecurity: the invoker's security context at the CCF, one entry per AEF interface. */
public record ServiceSecurity(List<SecurityInformation> securityInfo, String notificationDestination,
        Boolean requestTestNotification, String supportedFeatures) {
    public ServiceSecurity {
        securityInfo = securityInfo == null ? null : List.copyOf(securityInfo);
    }
}
