package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.3.4.2.5 CAPIFEventDetail, the members keygate's events fill (TS 29.222 5.4.2.4.2). */
public record CAPIFEventDetail(List<ServiceAPIDescription> serviceAPIDescriptions, List<String> apiIds,
        List<String> apiInvokerIds) {
    public CAPIFEventDetail {
        serviceAPIDescriptions = serviceAPIDescriptions == null ? null : List.copyOf(serviceAPIDescriptions);
        apiIds = apiIds == null ? null : List.copyOf(apiIds);
        apiInvokerIds = apiInvokerIds == null ? null : List.copyOf(apiInvokerIds);
    }
}
