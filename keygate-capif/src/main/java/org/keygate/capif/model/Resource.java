package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.2.4.2.5 Resource: one resource of a service API; {@code commType} REQUEST_RESPONSE or SUBSCRIBE_NOTIFY. */
public record Resource(String resourceName, String commType, String uri, List<String> operations) {
    public Resource {
        operations = operations == null ? null : List.copyOf(operations);
    }
}
