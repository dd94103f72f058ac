package org.keygate.capif.model;

import java.util.Set;

/**
 * TS 29.222 8.3.4.3.3 CAPIFEvent: an anyOf of an enumeration and any string (forward compatibility), so a plain
 * string here. {@link #RAISED} are the events keygate's CCF raises; a subscription may name others (they never fire).
 */
public final class CapifEvent {
    public static final String SERVICE_API_AVAILABLE = "SERVICE_API_AVAILABLE";
    public static final String SERVICE_API_UNAVAILABLE = "SERVICE_API_UNAVAILABLE";
    public static final String SERVICE_API_UPDATE = "SERVICE_API_UPDATE";
    public static final String API_INVOKER_ONBOARDED = "API_INVOKER_ONBOARDED";
    public static final String API_INVOKER_OFFBOARDED = "API_INVOKER_OFFBOARDED";
    public static final String API_INVOKER_UPDATED = "API_INVOKER_UPDATED";
    public static final String API_INVOKER_AUTHORIZATION_REVOKED = "API_INVOKER_AUTHORIZATION_REVOKED";
    public static final Set<String> RAISED = Set.of(SERVICE_API_AVAILABLE, SERVICE_API_UNAVAILABLE,
            SERVICE_API_UPDATE, API_INVOKER_ONBOARDED, API_INVOKER_OFFBOARDED, API_INVOKER_UPDATED,
            API_INVOKER_AUTHORIZATION_REVOKED);

    private CapifEvent() {}
}
