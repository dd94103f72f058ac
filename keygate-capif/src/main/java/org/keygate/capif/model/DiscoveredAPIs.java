package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.1.4.2.2 DiscoveredAPIs: the answer of the discover service. */
public record DiscoveredAPIs(List<ServiceAPIDescription> serviceAPIDescriptions, String suppFeat) {
    public DiscoveredAPIs {
        serviceAPIDescriptions = serviceAPIDescriptions == null ? null : List.copyOf(serviceAPIDescriptions);
    }
}
