package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.5.4.2.4 SecurityNotification: a revocation; {@code cause} OVERLIMIT_USAGE or UNEXPECTED_REASON. */
public record SecurityNotification(String apiInvokerId, String aefId, List<String> apiIds, String cause) {
    public static final String UNEXPECTED_REASON = "UNEXPECTED_REASON";
    public static final String OVERLIMIT_USAGE = "OVERLIMIT_USAGE";

    public SecurityNotification {
        apiIds = apiIds == null ? null : List.copyOf(apiIds);
    }
}
