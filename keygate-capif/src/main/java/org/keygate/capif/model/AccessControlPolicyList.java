package org.keygate.capif.model;

import java.util.List;

/** TS 29.222 8.7.4.2.2 AccessControlPolicyList. */
public record AccessControlPolicyList(List<ApiInvokerPolicy> apiInvokerPolicies) {
    public AccessControlPolicyList {
        apiInvokerPolicies = apiInvokerPolicies == null ? null : List.copyOf(apiInvokerPolicies);
    }
}
