package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.4.4.2.4 APIList: the service APIs the invoker may invoke. */
public record APIList(List<ServiceAPIDescription> serviceAPIDescriptions) {
    public APIList {
        serviceAPIDescriptions = serviceAPIDescriptions == null ? null : List.copyOf(serviceAPIDescriptions);
    }
}
