package org.keygate.n32.n32c.model;

import java.util.List;

/**
 * TS 29.573 6.1.6.2.4 ProtectionPolicy: the data-type encryption policy (TS 33.501 13.2.3.2) and the
 * modification policy per API (13.2.3.4) that a SEPP sends its peer. {@code apiIeMappingList} is mandatory.
 */
public record ProtectionPolicy(List<ApiIeMapping> apiIeMappingList, List<String> dataTypeEncPolicy) {
    public ProtectionPolicy {
        apiIeMappingList = ModelLists.copy(apiIeMappingList);
        dataTypeEncPolicy = ModelLists.copy(dataTypeEncPolicy);
    }
}
