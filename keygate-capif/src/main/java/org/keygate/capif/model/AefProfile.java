package org.keygate.capif.model;

import java.util.List;

/**
 * TS 29.222 8.2.4.2.2 AefProfile: one AEF serving a service API. {@code protocol} is e.g. HTTP_1_1, {@code
 * dataFormat} JSON (extensible strings).
 */
public record AefProfile(String aefId, List<Version> versions, String protocol, String dataFormat,
        List<SecurityMethod> securityMethods, String domainName, List<InterfaceDescription> interfaceDescriptions) {
    public AefProfile {
        versions = versions == null ? null : List.copyOf(versions);
        securityMethods = securityMethods == null ? null : List.copyOf(securityMethods);
        interfaceDescriptions = interfaceDescriptions == null ? null : List.copyOf(interfaceDescriptions);
    }
}
