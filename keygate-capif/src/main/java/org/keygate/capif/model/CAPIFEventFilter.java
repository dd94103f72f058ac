package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.3.4.2.4 CAPIFEventFilter: an absent list does not filter; a present one must contain the event's ID. */
public record CAPIFEventFilter(List<String> apiIds, List<String> apiInvokerIds, List<String> aefIds) {
    public CAPIFEventFilter {
        apiIds = apiIds == null ? null : List.copyOf(apiIds);
        apiInvokerIds = apiInvokerIds == null ? null : List.copyOf(apiInvokerIds);
        aefIds = aefIds == null ? null : List.copyOf(aefIds);
    }
}
