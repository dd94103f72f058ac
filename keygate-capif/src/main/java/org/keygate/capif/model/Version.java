package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.2.4.2.4 Version: an API version and its resources. */
public record Version(String apiVersion, String expiry, List<Resource> resources) {
    public Version {
        resources = resources == null ? null : List.copyOf(resources);
    }
}
